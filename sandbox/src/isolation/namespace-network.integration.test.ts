/**
 * Real packets between the namespaces of two sandboxes: the app's namespace reaches its site's
 * address and its UEs, nothing else; a UE's latency shows in the round trip; destroy leaves no
 * namespace or address. Needs root (CI runs as root): without it the tests fail, saying so.
 */
import { randomBytes } from 'node:crypto';
import { execFile, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZNetChar } from '@mecport/contracts/sandbox';
import { namespacePrefix } from './address-plan';
import { createSandboxNetworkFactory } from './network-factory';
import type { TSandboxNetwork } from './sandbox-network';
import { RATE_ONLY_REASON } from './namespace-network';
import { assertCanIsolate, namespaces, probeIn, serveIn } from './testing/netns-probes';

const exec = promisify(execFile);
const TAG = `t${randomBytes(2).toString('hex').slice(0, 3)}`;
const LATENCY_MS = 100;
const ECHO_PORT = 7007;
const SINK_PORT = 7008;
const NARROW_MBPS = 1;
const SENT_KIB = 256;
const slow = ZNetChar.parse({ latencyMs: LATENCY_MS });
const narrow = ZNetChar.parse({ throughputDlMbps: NARROW_MBPS });
const unshaped = ZNetChar.parse({});

let netem = false;
let a: TSandboxNetwork;
let b: TSandboxNetwork;
const servers: net.Server[] = [];
const children: ChildProcess[] = [];

const appNs = (network: TSandboxNetwork): string => network.commandPrefix[3] ?? '';
const listen = (host: string): Promise<number> => new Promise((resolve) => {
  const server = net.createServer((socket) => socket.on('error', () => undefined).end('hi')).listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  servers.push(server);
});
const median = async (network: TSandboxNetwork, ue: string): Promise<number> => Number(await probeIn(appNs(network), 'udp-rtt', ue, String(ECHO_PORT), '9'));

beforeAll(async () => {
  await assertCanIsolate();
  const factory = await createSandboxNetworkFactory({ tag: TAG });
  expect(factory.probe).toMatchObject({ available: true });
  netem = factory.probe.available && factory.probe.netem;
  if (!netem) console.warn('this kernel has no tc netem: the latency tests check that the sandbox says so instead of measuring a delay');
  a = await factory.create('11111111-1111-4111-8111-111111111111', [
    { address: 'acr:10.100.0.1', netChar: slow },
    { address: 'acr:10.100.0.2', netChar: unshaped },
    { address: 'acr:10.100.0.3', netChar: narrow },
  ]);
  b = await factory.create('22222222-2222-4222-8222-222222222222', []);
  for (const ue of ['10.100.0.1', '10.100.0.2']) children.push(await serveIn(`${appNs(a)}u`, 'udp-echo', ue, ECHO_PORT));
  for (const ue of ['10.100.0.2', '10.100.0.3']) children.push(await serveIn(`${appNs(a)}u`, 'tcp-sink', ue, SINK_PORT));
});

afterAll(async () => {
  for (const child of children) child.kill();
  for (const server of servers) server.close();
  await a?.destroy();
  await b?.destroy();
});

describe('the namespace network', () => {
  it('says it is isolated, and shaped only where the kernel has netem, with the agent started inside the app namespace', () => {
    expect(a.isolated).toBe(true);
    expect(a.shaping.real).toBe(netem);
    if (!netem) expect(a.shaping.reason).toBe(RATE_ONLY_REASON);
    expect(a.commandPrefix.slice(0, 3)).toEqual(['ip', 'netns', 'exec']);
    expect(appNs(a).startsWith(namespacePrefix(TAG))).toBe(true);
    expect(a.siteAddress).not.toBe(b.siteAddress);
  });

  it('reaches its own site address from the app namespace', async () => {
    const port = await listen(a.siteAddress);
    expect(await probeIn(appNs(a), 'tcp', a.siteAddress, String(port))).toBe('open');
  });

  it('does not reach the root namespace loopback (the portal database) from the app namespace', async () => {
    const port = await listen('127.0.0.1');
    expect(await probeIn(appNs(a), 'tcp', '127.0.0.1', String(port))).not.toBe('open');
  });

  it('does not reach another sandbox\'s site address', async () => {
    const port = await listen(b.siteAddress);
    expect(await probeIn(appNs(a), 'tcp', b.siteAddress, String(port))).toBe('unreachable');
  });

  it('the site reaches the app side address from the root namespace', async () => {
    const server = await exec('ip', ['netns', 'exec', appNs(a), process.execPath, '-e', `require('net').createServer().listen(0, '${a.appSideAddress}', function () { console.log(this.address().port); this.close(); })`]);
    expect(Number(server.stdout.trim())).toBeGreaterThan(0);
    const { stdout } = await exec('ip', ['-o', 'route', 'get', a.appSideAddress]);
    expect(stdout).toContain(`src ${a.siteAddress}`);
  });

  it('limits a UE\'s downlink to its throughput, and not an unlimited one\'s', async () => {
    const send = async (ue: string): Promise<number> => Number(await probeIn(appNs(a), 'tcp-send', ue, String(SINK_PORT), String(SENT_KIB)));
    const limited = await send('10.100.0.3');
    const free = await send('10.100.0.2');
    const idealMs = (SENT_KIB * 1024 * 8) / (NARROW_MBPS * 1000);
    expect(limited).toBeGreaterThan(idealMs * 0.7);
    expect(free).toBeLessThan(limited / 2);
  });

  it('delays a slow UE by its latency each way where the kernel has netem (not an unshaped one)', async () => {
    const shaped = await median(a, '10.100.0.1');
    const plain = await median(a, '10.100.0.2');
    if (netem) {
      expect(shaped).toBeGreaterThan(2 * LATENCY_MS - 20);
      expect(plain).toBeLessThan(shaped / 2);
    } else {
      // Reached, undelayed, and the sandbox says so (the first test checks the reason).
      expect(Number.isFinite(shaped)).toBe(true);
      expect(a.shaping.real).toBe(false);
    }
  });

  it('reshapes a UE that moved (shapeUe)', async () => {
    const send = async (): Promise<number> => Number(await probeIn(appNs(a), 'tcp-send', '10.100.0.2', String(SINK_PORT), String(SENT_KIB)));
    const before = await send();
    await a.shapeUe('acr:10.100.0.2', netem ? { ...narrow, latencyMs: LATENCY_MS } : narrow);
    const narrowed = await send();
    expect(narrowed).toBeGreaterThan(before * 2);
    if (netem) expect(await median(a, '10.100.0.2')).toBeGreaterThan(2 * LATENCY_MS - 20);
    await a.shapeUe('acr:10.100.0.2', unshaped);
    expect(await send()).toBeLessThan(narrowed / 2);
  });

  it('destroy removes the namespaces and the root address, and may be called twice', async () => {
    const { siteAddress } = b;
    await b.destroy();
    await b.destroy();
    expect(await namespaces(appNs(b))).toEqual([]);
    const { stdout } = await exec('ip', ['-o', 'addr', 'show']);
    expect(stdout).not.toContain(` ${siteAddress}/`);
  });
});

describe('the factory', () => {
  it('gives loopback, saying why, when isolation is turned off', async () => {
    const factory = await createSandboxNetworkFactory({ tag: TAG, mode: 'loopback' });
    const network = await factory.create('33333333-3333-4333-8333-333333333333', []);
    expect(network).toMatchObject({ isolated: false, siteAddress: '127.0.0.1', commandPrefix: [] });
    expect(network.shaping).toEqual({ real: false, reason: expect.stringContaining('MECPORT_SANDBOX_ISOLATION') as string });
  });
});
