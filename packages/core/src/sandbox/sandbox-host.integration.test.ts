/**
 * The sandbox feature against real Postgres and the real sandbox host process (engine, clock,
 * emulated services, agent): determinism through the portal's API, the host's sites following
 * the rows on delete and expiry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPrisma, type DbClient } from '@mecport/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor, type TActor } from '../identity';
import { freshIdentity } from '../testing/identities';
import { startRealSandboxHost, type TRealSandboxHost } from '../testing/real-sandbox-host';
import { createHostClient, createSandbox, deleteSandbox, expireSandboxes, getSandbox, listScenarios, listSandboxEvents, runSandbox, sandboxWorld, type THostClient, type TSandboxDeps } from '.';

let db: DbClient;
let dir: string;
let host: TRealSandboxHost;
let client: THostClient;
let deps: TSandboxDeps;
let developer: TActor;

beforeAll(async () => {
  db = getPrisma();
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-api-host-'));
  host = await startRealSandboxHost(path.join(dir, 'host'));
  client = createHostClient({ url: host.url, secret: host.secret, timeoutMs: 120_000 });
  deps = { db, host: client, settings: { quota: 5, ttlSec: 3600, inboxDir: path.join(dir, 'host', 'inbox') } };
  developer = await resolveActor(db, freshIdentity({}, ['developer']));
}, 120_000);

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('sandboxes on the real host', () => {
  it('runs one scenario twice on the virtual clock with the same event log (two sandboxes, same seed)', async () => {
    expect((await listScenarios(deps)).items.map((s) => s.id)).toContain('campus');
    const a = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'virtual', seed: 42 });
    const b = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'virtual', seed: 42 });
    const ra = await runSandbox(deps, developer, a.id, 600);
    const rb = await runSandbox(deps, developer, b.id, 600);
    expect(ra.timeSec).toBe(600);
    expect(ra.eventCount).toBeGreaterThan(0);
    expect(rb.eventLogSha256).toBe(ra.eventLogSha256);
    expect(await getSandbox(deps, developer, a.id)).toMatchObject({ timeSec: 600, clock: 'virtual' });
    const world = await sandboxWorld(deps, developer, a.id);
    expect(world).toMatchObject({ scenarioId: 'campus', seed: 42, timeSec: 600 });
    expect(world.ues.length).toBeGreaterThan(0);
    const events = await listSandboxEvents(deps, developer, a.id, { limit: 5 });
    expect(events.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].slice(0, events.items.length));
    const c = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'virtual', seed: 43 });
    expect((await runSandbox(deps, developer, c.id, 600)).eventLogSha256).not.toBe(ra.eventLogSha256);
    for (const id of [a.id, b.id, c.id]) await deleteSandbox(deps, developer, id);
    expect((await client.listSites()).map((s) => s.sandboxId)).not.toEqual(expect.arrayContaining([a.id]));
  }, 180_000);

  it('expiry removes the host\'s site and the row', async () => {
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real', ttlSec: 60 });
    expect((await client.listSites()).map((s) => s.sandboxId)).toContain(created.id);
    await expireSandboxes(deps, { now: new Date(Date.now() + 61_000) });
    expect((await client.listSites()).map((s) => s.sandboxId)).not.toContain(created.id);
    expect(await db.sandbox.findUnique({ where: { id: created.id } })).toBeNull();
  }, 120_000);
});
