/**
 * Picks the sandbox network once per host: network namespaces with `tc netem` where the machine
 * allows them (root, `ip`, `tc`, and a trial namespace with an htb qdisc works; netem if the kernel
 * has it), loopback with the reason otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createLoopbackNetwork } from './loopback-network';
import { createNamespaceNetwork } from './namespace-network';
import { namespacePrefix } from './address-plan';
import { run } from './run-command';
import type { TSandboxNetworkFactory } from './sandbox-network';

/** `netem`: whether the kernel can delay and drop (sch_netem); without it only the throughput is shaped. */
export type TIsolationProbe = { available: true; netem: boolean } | { available: false; reason: string };

export interface TNetworkFactoryOptions {
  /** Names this host's namespaces (`mecsb-<tag>-<n>`), so it removes only its own leftovers. 1-4 of [a-z0-9]. */
  tag: string;
  /** 'auto' (default) probes; 'loopback' never isolates (e.g. a developer who wants plain processes). */
  mode?: 'auto' | 'loopback';
}

export async function createSandboxNetworkFactory(options: TNetworkFactoryOptions): Promise<TSandboxNetworkFactory & { probe: TIsolationProbe }> {
  if (!/^[a-z0-9]{1,4}$/.test(options.tag)) throw new Error(`the network tag must be 1-4 of [a-z0-9]: ${options.tag}`);
  const probe: TIsolationProbe = options.mode === 'loopback'
    ? { available: false, reason: 'network isolation is turned off for this host (MECPORT_SANDBOX_ISOLATION=loopback)' }
    : await probeIsolation();
  return {
    probe,
    create: (sandboxId, ues) => probe.available
      ? createNamespaceNetwork({ tag: options.tag, netem: probe.netem }, sandboxId, ues)
      : Promise.resolve(createLoopbackNetwork(probe.reason)),
  };
}

let cached: Promise<TIsolationProbe> | undefined;

/** Whether this machine lets the host build namespaces and shape with netem; asked once per process. */
export function probeIsolation(): Promise<TIsolationProbe> {
  cached ??= tryIsolation();
  return cached;
}

async function tryIsolation(): Promise<TIsolationProbe> {
  if (process.platform !== 'linux') return { available: false, reason: 'network namespaces need Linux' };
  if (process.getuid?.() !== 0) return { available: false, reason: 'network namespaces are not available here (the host does not run as root)' };
  const trial = `mecsb-probe-${randomBytes(3).toString('hex')}`;
  try {
    await run('ip', ['netns', 'add', trial]);
    await run('tc', ['-n', trial, 'qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb']);
    const netem = await run('tc', ['-n', trial, 'qdisc', 'replace', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']).then(() => true, () => false);
    return { available: true, netem };
  } catch (error) {
    return { available: false, reason: `network namespaces or tc are not available here: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await run('ip', ['netns', 'del', trial]).catch(() => undefined);
  }
}

/** Removes the namespaces a previous run of the host with this tag left behind (their veths go with them). */
export async function removeLeftoverNamespaces(tag: string): Promise<string[]> {
  const probe = await probeIsolation();
  if (!probe.available) return [];
  const prefix = namespacePrefix(tag);
  const names = (await run('ip', ['netns', 'list'])).split('\n').map((line) => line.split(' ')[0] ?? '').filter((name) => name.startsWith(prefix));
  for (const name of names) await run('ip', ['netns', 'del', name]).catch(() => undefined);
  return names;
}
