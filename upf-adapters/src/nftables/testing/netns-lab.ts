/**
 * A UE, an edge node and two servers in network namespaces of their own (names `nft-<role>-<run>`),
 * for the nftables adapter's packet tests:
 *
 *   nft-ue  10.213.1.2 / fd00:213:1::2  ──  nft-node (forwards; the adapter's nft runs here)
 *   nft-app 10.213.2.2 / fd00:213:2::2  ──┘      └──  nft-core 10.213.3.2 / fd00:213:3::2
 *
 * nft-core stands for the network the UE's traffic goes to when no rule steers it; nft-app is the
 * local MEC app. Both run `responder.mjs`, so a probe from the UE says who answered.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const HERE = import.meta.dirname;
export const ADDR = {
  app4: '10.213.2.2', app6: 'fd00:213:2::2', core4: '10.213.3.2', core6: 'fd00:213:3::2', ue4: '10.213.1.2',
} as const;

export interface TLab { run: string; ns: { ue: string; node: string; app: string; core: string }; responders: ChildProcess[] }

/** Fails with a message saying what is missing: these tests must run, as root, wherever they run. */
export async function assertCanBuildLab(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the nftables packet tests need root (network namespaces and nft): run them as root, as CI does');
  try {
    await exec('ip', ['netns', 'list']);
    await exec('nft', ['--version']);
  } catch (error) {
    throw new Error(`the nftables packet tests need iproute2 (ip netns) and nftables installed: ${(error as Error).message}`);
  }
}

export async function createLab(ports: number[]): Promise<TLab> {
  const run = randomBytes(3).toString('hex');
  const ns = { ue: `nft-ue-${run}`, node: `nft-node-${run}`, app: `nft-app-${run}`, core: `nft-core-${run}` };
  const lab: TLab = { run, ns, responders: [] };
  for (const name of Object.values(ns)) await ip('netns', 'add', name);
  await link(ns.ue, 'ue0', '10.213.1.2/24', 'fd00:213:1::2/64', ns.node, 'n-ue', '10.213.1.1/24', 'fd00:213:1::1/64');
  await link(ns.app, 'app0', '10.213.2.2/24', 'fd00:213:2::2/64', ns.node, 'n-app', '10.213.2.1/24', 'fd00:213:2::1/64');
  await link(ns.core, 'core0', '10.213.3.2/24', 'fd00:213:3::2/64', ns.node, 'n-core', '10.213.3.1/24', 'fd00:213:3::1/64');
  await inNs(ns.node, 'sysctl', '-qw', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1');
  for (const [name, net] of [[ns.ue, 1], [ns.app, 2], [ns.core, 3]] as const) {
    await ip('-n', name, 'route', 'add', 'default', 'via', `10.213.${net}.1`);
    await ip('-n', name, '-6', 'route', 'add', 'default', 'via', `fd00:213:${net}::1`);
  }
  lab.responders.push(await responder(ns.app, 'app', ports), await responder(ns.core, 'core', ports));
  return lab;
}

export async function destroyLab(lab: TLab | undefined): Promise<void> {
  if (!lab) return;
  for (const child of lab.responders) child.kill();
  for (const name of Object.values(lab.ns)) await ip('netns', 'del', name).catch(() => undefined);
}

/** Who answers a UDP flow or a TCP connection from the UE: 'app', 'core' or 'none'. */
export async function probe(lab: TLab, proto: 'udp' | 'tcp', address: string, port: number): Promise<string> {
  const { stdout } = await exec('ip', ['netns', 'exec', lab.ns.ue, process.execPath, path.join(HERE, 'probe.mjs'), proto, address, String(port)]);
  return stdout.trim();
}

/** Runs a command inside one of the lab's namespaces. */
export async function inNs(name: string, ...argv: string[]): Promise<string> {
  const { stdout } = await exec('ip', ['netns', 'exec', name, ...argv]);
  return stdout;
}

async function ip(...argv: string[]): Promise<void> {
  await exec('ip', argv);
}

async function link(nsA: string, devA: string, a4: string, a6: string, nsB: string, devB: string, b4: string, b6: string): Promise<void> {
  await ip('link', 'add', devA, 'netns', nsA, 'type', 'veth', 'peer', 'name', devB, 'netns', nsB);
  for (const [name, dev, v4, v6] of [[nsA, devA, a4, a6], [nsB, devB, b4, b6]] as const) {
    await ip('-n', name, 'addr', 'add', v4, 'dev', dev);
    await ip('-n', name, '-6', 'addr', 'add', v6, 'dev', dev, 'nodad'); // usable at once, no duplicate-address wait
    await ip('-n', name, 'link', 'set', dev, 'up');
    await ip('-n', name, 'link', 'set', 'lo', 'up');
  }
}

function responder(name: string, label: string, ports: number[]): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', name, process.execPath, path.join(HERE, 'responder.mjs'), label, ...ports.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the ${label} responder exited (${String(code)}) before it was ready`)));
  });
}
