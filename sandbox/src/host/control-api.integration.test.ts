/**
 * The control API over HTTP with stand-in sites (testing/fake-site.ts) on loopback: auth, every
 * route's mapping onto TSite, idempotent PUT, the inbox, the stream, expiry, a failing site.
 * (host-with-site.integration.test.ts runs the real site in namespaces.)
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@mecport/http';
import type { THostSiteCreate } from '@mecport/contracts/sandbox';
import { networkTagOf } from './env';
import { startHost, type TRunningHost } from './start-host';
import { fakeSiteFactory } from './testing/fake-site';
import { TINY_SCENARIO } from './testing/tiny-scenario';

const SECRET = 'test-secret-0123456789';
const fakes = fakeSiteFactory();
let dir: string;
let host: TRunningHost;

const url = (route: string): string => `http://127.0.0.1:${host.port}${route}`;
const call = (method: string, route: string, body?: unknown, secret: string | null = SECRET): Promise<Response> => fetch(url(route), {
  method,
  headers: { ...(secret === null ? {} : { authorization: `Bearer ${secret}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const create = (clock: 'real' | 'virtual' = 'virtual', ttlMs = 3_600_000): THostSiteCreate =>
  ({ scenario: TINY_SCENARIO, seed: 7, clock, expiresAt: new Date(Date.now() + ttlMs).toISOString(), rateLimitPerSec: 200 });
const putSite = async (id = randomUUID(), body = create()): Promise<string> => {
  const response = await call('PUT', `/sites/${id}`, body);
  expect(response.status).toBe(200);
  return id;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mecsb-host-'));
  host = await startHost({ port: 0, secret: SECRET, dir, isolation: 'loopback', logLevel: 'silent', networkTag: networkTagOf(dir) }, fakes.createSite, createLogger('test', 'silent'));
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('auth', () => {
  it('answers 401 problem+json without the secret or with a wrong one, on every route', async () => {
    for (const [secret, route] of [[null, '/health'], ['wrong-secret', '/sites'], [null, `/sites/${randomUUID()}`]] as const) {
      const response = await call('GET', route, undefined, secret);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers health with the secret, saying how the network is isolated', async () => {
    const response = await call('GET', '/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', isolation: { available: false } });
  });
});

describe('scenarios', () => {
  it('lists the shipped scenarios with their summaries and serves one resolved, 404 for an unknown id', async () => {
    const list = await call('GET', '/scenarios');
    expect(list.status).toBe(200);
    const summaries = (await list.json()) as { id: string; ueCount: number; mecNodeCount: number }[];
    expect(summaries.map((s) => s.id)).toEqual(expect.arrayContaining(['campus', 'highway', 'city-centre', 'two-nodes']));
    expect(summaries.find((s) => s.id === 'two-nodes')?.mecNodeCount).toBe(2);
    const one = await call('GET', '/scenarios/campus');
    expect(one.status).toBe(200);
    const scenario = (await one.json()) as { id: string; domains: unknown[]; ues: { path: unknown[] }[] };
    expect(scenario.id).toBe('campus');
    expect(scenario.ues[0]?.path.length).toBeGreaterThan(0);
    const unknown = await call('GET', '/scenarios/no-such-place');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', '/scenarios', undefined, null)).status).toBe(401);
  });
});

describe('sites', () => {
  it('creates a site once per id: a second PUT adopts it', async () => {
    const id = await putSite();
    const again = await call('PUT', `/sites/${id}`, create());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ sandboxId: id, status: 'ready', clock: 'virtual', networkShaping: { real: false } });
    expect([...fakes.sites.keys()].filter((key) => key === id)).toHaveLength(1);
    const list = await (await call('GET', '/sites')).json() as Array<{ sandboxId: string }>;
    expect(list.map((site) => site.sandboxId)).toContain(id);
  });

  it('validates the body and the id (400 naming the field), and answers 404 for an unknown site', async () => {
    const bad = await call('PUT', `/sites/${randomUUID()}`, { ...create(), seed: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [expect.objectContaining({ in: 'body', field: 'seed' })] });
    expect((await call('GET', '/sites/not-a-uuid')).status).toBe(400);
    const missing = await call('GET', `/sites/${randomUUID()}/world`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('maps start, pause, reset, run, events, world, calls, HAR and logs onto the site', async () => {
    const id = await putSite();
    expect(await (await call('POST', `/sites/${id}/start`)).json()).toMatchObject({ status: 'running' });
    expect(await (await call('POST', `/sites/${id}/pause`)).json()).toMatchObject({ status: 'paused' });
    expect(await (await call('POST', `/sites/${id}/run`, { seconds: 30 })).json()).toMatchObject({ timeSec: 30 });
    expect(await (await call('POST', `/sites/${id}/reset`)).json()).toMatchObject({ timeSec: 0 });
    expect((await call('POST', `/sites/${id}/events`, { kind: 'access-point-down', target: 'p1' })).status).toBe(202);
    expect(await (await call('GET', `/sites/${id}/events?afterSeq=0&limit=10`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await call('GET', `/sites/${id}/world`)).status).toBe(200);
    expect(await (await call('GET', `/sites/${id}/calls?api=location`)).json()).toEqual({ items: [], nextCursor: null });
    expect(await (await call('GET', `/sites/${id}/calls/har`)).json()).toMatchObject({ log: { version: '1.2' } });
    expect((await call('GET', `/sites/${id}/logs?limit=5`)).status).toBe(200);
    expect(fakes.sites.get(id)!.invoked).toEqual(expect.arrayContaining(['start', 'pause', 'run', 'reset', 'inject', 'events', 'world', 'calls', 'har', 'logs']));
  });

  it('refuses run on a real clock with 409 (the site says so) and a bad event kind with 400', async () => {
    const id = await putSite(randomUUID(), create('real'));
    expect((await call('POST', `/sites/${id}/run`, { seconds: 5 })).status).toBe(409);
    expect((await call('POST', `/sites/${id}/events`, { kind: 'explode', target: 'p1' })).status).toBe(400);
  });

  it('a DELETE while the site is being created wins: the create answers 409 and nothing is left', async () => {
    const id = randomUUID();
    fakes.slowness.nextCreateMs = 500;
    const creating = call('PUT', `/sites/${id}`, create());
    await expect.poll(() => existsSync(path.join(dir, 'sites', id))).toBe(true);
    expect((await call('DELETE', `/sites/${id}`)).status).toBe(204);
    expect((await creating).status).toBe(409);
    expect(fakes.sites.get(id)!.destroyed).toBe(true);
    expect((await call('GET', `/sites/${id}`)).status).toBe(404);
    expect(existsSync(path.join(dir, 'sites', id))).toBe(false);
  });

  it('deletes a site: destroyed, its directory gone, 204 again when absent', async () => {
    const id = await putSite();
    expect(existsSync(path.join(dir, 'sites', id))).toBe(true);
    expect((await call('DELETE', `/sites/${id}`)).status).toBe(204);
    expect(fakes.sites.get(id)!.destroyed).toBe(true);
    expect(existsSync(path.join(dir, 'sites', id))).toBe(false);
    expect((await call('GET', `/sites/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/sites/${id}`)).status).toBe(204);
  });
});

describe('deployment', () => {
  const deploy = (packageFile: string, sha: string) => ({ appId: randomUUID(), appVersionId: randomUUID(), appName: 'demo', version: '1.0.0', packageFile, packageSha256: sha });

  it('moves the named package from the inbox into the site and hands the site its path', async () => {
    const id = await putSite();
    const bytes = Buffer.from('a csar');
    await writeFile(path.join(dir, 'inbox', 'pkg-1.csar'), bytes);
    const response = await call('PUT', `/sites/${id}/deployment`, deploy('pkg-1.csar', createHash('sha256').update(bytes).digest('hex')));
    expect(response.status).toBe(200);
    expect(existsSync(path.join(dir, 'inbox', 'pkg-1.csar'))).toBe(false);
    expect(fakes.sites.get(id)!.received.packagePath).toBe(path.join(dir, 'sites', id, 'packages', 'pkg-1.csar'));
  });

  it('refuses a missing package, a digest that does not match and a path in the name', async () => {
    const id = await putSite();
    await writeFile(path.join(dir, 'inbox', 'pkg-2.csar'), 'x');
    expect((await call('PUT', `/sites/${id}/deployment`, deploy('absent.csar', 'a'.repeat(64)))).status).toBe(400);
    const mismatch = await call('PUT', `/sites/${id}/deployment`, deploy('pkg-2.csar', 'a'.repeat(64)));
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { detail: string }).detail).toContain('SHA-256');
    expect((await call('PUT', `/sites/${id}/deployment`, deploy('../etc/passwd', 'a'.repeat(64)))).status).toBe(400);
  });
});

describe('try it', () => {
  it('forwards the request and the path after /mec without the host secret', async () => {
    const id = await putSite();
    const response = await call('POST', `/sites/${id}/mec/location/v3/queries/users?address=acr:10.100.0.1`, { x: 1 });
    expect(await response.json()).toEqual({ tried: '/location/v3/queries/users' });
    const { request } = fakes.sites.get(id)!.received;
    expect(request!.headers.get('authorization')).toBeNull();
    expect(new URL(request!.url).searchParams.get('address')).toBe('acr:10.100.0.1');
    expect(await request!.json()).toEqual({ x: 1 });
  });
});

describe('stream', () => {
  it('sends the status first, then the site\'s updates, and ends when the site is deleted', async () => {
    const id = await putSite();
    const response = await call('GET', `/sites/${id}/stream`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${needle}`);
        text += value;
      }
    };
    await readUntil('event: status\n');
    fakes.sites.get(id)!.emit({ kind: 'world', world: { timeSec: 3 } as never });
    await readUntil('event: world\ndata: {"timeSec":3}');
    expect((await call('DELETE', `/sites/${id}`)).status).toBe(204);
    let done = false;
    while (!done) ({ done } = await reader.read());
    expect(done).toBe(true);
  });
});

describe('containment', () => {
  it('marks a site whose code throws as failed and keeps serving the others', async () => {
    const broken = await putSite();
    const healthy = await putSite();
    fakes.sites.get(broken)!.breakNext = 'world';
    const response = await call('GET', `/sites/${broken}/world`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await (await call('GET', `/sites/${broken}`)).json()).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('world broke') as string });
    expect(await (await call('GET', `/sites/${healthy}`)).json()).toMatchObject({ status: 'ready' });
  });

  it('removes a site at its expiry without being asked', async () => {
    const id = await putSite(randomUUID(), create('virtual', 300));
    await expect.poll(() => fakes.sites.get(id)!.destroyed, { timeout: 30_000 }).toBe(true);
    expect((await call('GET', `/sites/${id}`)).status).toBe(404);
    expect(existsSync(path.join(dir, 'sites', id))).toBe(false);
  });
});
