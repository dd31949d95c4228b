/**
 * The control API end to end over the real site (src/site createSite: engine, emulated services,
 * gateway, the real MEP agent and the fixture app), in network namespaces where the machine allows
 * them (CI runs as root): create, deploy from the inbox, run on the virtual clock, events, world,
 * calls, the stream, delete -> no process, namespace or file; SIGTERM to the host process -> the same.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@mecport/http';
import { ZHostSite, type THostSite, type TWorldSnapshot } from '@mecport/contracts/sandbox';
import { namespacePrefix } from '../isolation/address-plan';
import { assertCanIsolate, namespaces } from '../isolation/testing/netns-probes';
import { loadScenario } from '../scenario';
import { createSite } from '../site/create-site';
import { buildFixturePackage } from '../site/testing/fixture-package';
import { buildAgentBundle, freePort, waitFor } from '../site/testing/site-fixture';
import { networkTagOf } from './env';
import { startHost, type TRunningHost } from './start-host';
import { spawnHost, waitUntilServing } from './testing/host-process';
import { processesUnder } from './testing/processes-under';
import { ueRates } from './testing/tc-rates';

const exec = promisify(execFile);
const SECRET = 'with-site-secret-0123456789';
let dir: string;
let host: TRunningHost;

const siteBody = async (clock: 'real' | 'virtual') => ({ scenario: await loadScenario('campus'), seed: 7, clock, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), rateLimitPerSec: 200 });
const request = (base: string, secret: string) => (method: string, route: string, body?: unknown): Promise<Response> => fetch(`${base}${route}`, {
  method,
  headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

beforeAll(async () => {
  await assertCanIsolate();
  await buildAgentBundle();
  dir = await mkdtemp(path.join(tmpdir(), 'mecsb-site-'));
  host = await startHost({ port: 0, secret: SECRET, dir, isolation: 'auto', logLevel: 'silent', networkTag: networkTagOf(dir) }, createSite, createLogger('test', 'silent'));
}, 240_000);

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the host with real sites', () => {
  it('creates an isolated site, deploys the inbox package, runs the virtual clock and answers events, world, calls and stream; delete leaves nothing', async () => {
    const call = request(`http://127.0.0.1:${host.port}`, SECRET);
    const id = randomUUID();
    const created = ZHostSite.parse(await (await call('PUT', `/sites/${id}`, await siteBody('virtual'))).json());
    expect(created).toMatchObject({ sandboxId: id, status: 'ready', scenarioId: 'campus', networkShaping: { real: host.isolation.available && host.isolation.netem } });
    expect(host.isolation.available).toBe(true);
    expect(await namespaces(namespacePrefix(networkTagOf(dir)))).toHaveLength(2);

    const pkg = await buildFixturePackage(path.join(dir, 'work'), { port: await freePort(), mode: 'normal' });
    await copyFile(pkg.file, path.join(dir, 'inbox', 'fixture.csar'));
    const deployed = await call('PUT', `/sites/${id}/deployment`, { appId: randomUUID(), appVersionId: randomUUID(), appName: 'fixture', version: '1.0.0', packageFile: 'fixture.csar', packageSha256: pkg.sha256 });
    expect(deployed.status).toBe(200);
    await waitFor('the app running with confirm_ready', async () => {
      const site = await (await call('GET', `/sites/${id}`)).json() as THostSite;
      return site.deployment?.state === 'RUNNING' && site.deployment.readyConfirmed;
    }, 120_000);

    const stream = await call('GET', `/sites/${id}/stream`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('event: status');

    expect((await call('POST', `/sites/${id}/start`)).status).toBe(200);
    const run = await (await call('POST', `/sites/${id}/run`, { seconds: 60 })).json() as { timeSec: number; eventCount: number };
    expect(run.timeSec).toBe(60);
    expect(run.eventCount).toBeGreaterThan(0);
    const events = await (await call('GET', `/sites/${id}/events?afterSeq=0&limit=1000`)).json() as { items: Array<{ seq: number }> };
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items[0]!.seq).toBe(1);
    expect(await (await call('GET', `/sites/${id}/world`)).json()).toMatchObject({ timeSec: 60 });
    const world = await (await call('GET', `/sites/${id}/world`)).json() as TWorldSnapshot;
    const [appNs, ueNs] = [...(await namespaces(namespacePrefix(networkTagOf(dir))))].sort();
    const ueAddresses = (await exec('ip', ['-n', ueNs!, '-o', 'addr', 'show', 'dev', 'lo'])).stdout;
    for (const ue of world.ues) expect(ueAddresses).toContain(` ${ue.address.replace('acr:', '')}/32`);
    const classes = (await exec('tc', ['-n', appNs!, 'class', 'show', 'dev', 'sbue'])).stdout.trim().split('\n');
    expect(classes).toHaveLength(world.ues.length);
    // Each UE's downlink follows its serving POA (the world merges the zone's characteristics with the POA's own).
    const poaRate = new Map(world.poas.map((poa) => [poa.id, poa.up ? poa.netChar.throughputDlMbps * 1e6 : 8e3]));
    const expected = Object.fromEntries(world.ues.map((ue) => [ue.address.replace('acr:', ''), ue.poaId === null ? 8e3 : poaRate.get(ue.poaId)]));
    await waitFor('the UEs shaped by their POAs', async () => JSON.stringify(Object.fromEntries(await ueRates(appNs!, 'sbue'))) === JSON.stringify(expected) || undefined, 30_000)
      .catch(async () => expect(Object.fromEntries(await ueRates(appNs!, 'sbue'))).toEqual(expected));
    const calls = await (await call('GET', `/sites/${id}/calls?limit=100`)).json() as { items: Array<{ url: string }> };
    expect(calls.items.map((c) => c.url)).toContainEqual(expect.stringContaining('confirm_ready'));

    const siteDir = path.join(dir, 'sites', id);
    expect((await processesUnder(siteDir)).length).toBeGreaterThan(0);
    expect((await call('DELETE', `/sites/${id}`)).status).toBe(204);
    let ended = false;
    while (!ended) ({ done: ended } = await reader.read());
    await waitFor('no process of the site left', async () => (await processesUnder(siteDir)).length === 0, 30_000);
    expect(existsSync(siteDir)).toBe(false);
    expect(await namespaces(namespacePrefix(networkTagOf(dir)))).toEqual([]);
  });
});

describe('the host process with a real site', () => {
  it('removes every site on SIGTERM: no process, namespace or directory left, exit 0', async () => {
    const processDir = await mkdtemp(path.join(tmpdir(), 'mecsb-sig-'));
    try {
      const proc = await spawnHost(processDir);
      await waitUntilServing(proc);
      const call = request(proc.url, proc.secret);
      const id = randomUUID();
      expect((await call('PUT', `/sites/${id}`, await siteBody('real'))).status).toBe(200);
      expect((await processesUnder(path.join(processDir, 'sites', id))).length).toBeGreaterThan(0);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(await processesUnder(processDir)).toEqual([]);
      expect(await namespaces(namespacePrefix(networkTagOf(processDir)))).toEqual([]);
      expect(existsSync(path.join(processDir, 'sites', id))).toBe(false);
    } finally {
      await rm(processDir, { recursive: true, force: true });
    }
  });
});
