/**
 * The sandbox feature against real Postgres and a sandbox host speaking the control API over
 * loopback HTTP (the in-memory fake of ../testing/fake-sandbox-host.ts; the real host process is
 * exercised in sandbox-host.integration.test.ts).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBlobStore, type TBlobStore } from '@mecport/blob-store';
import { AppError } from '@mecport/contracts';
import { ZScenario } from '@mecport/contracts/sandbox';
import { getPrisma, type DbClient } from '@mecport/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor, type TActor } from '../identity';
import { freshIdentity } from '../testing/identities';
import { startFakeSandboxHost, type TFakeSandboxHost } from '../testing/fake-sandbox-host';
import { newApp, newVersion } from '../testing/store-fixtures';
import { updateApp } from '../store';
import {
  actOnSandbox, createHostClient, createSandbox, deleteSandbox, deployToSandbox, expireSandboxes, experienceApp, getSandbox, listSandboxes, listScenarios,
  runSandbox, sandboxTryIt, setExperienceable, SITE_LOST_REASON, type TSandboxDeps,
} from '.';

const scenario = (id: string) => ZScenario.parse({
  id, name: { en: `Scenario ${id}`, 'zh-CN': id }, description: { en: 'test', 'zh-CN': '测试' }, durationSec: 60, defaultSeed: 7, view: { center: [2.35, 48.85], zoom: 15 },
  domains: [{ id: 'op', name: 'Op', type: 'OPERATOR-CELLULAR', mcc: '001', mnc: '01', zones: [{ id: 'z1', name: 'Z1', pointsOfAccess: [{ id: 'p1', name: 'P1', type: 'POA-5G', location: [2.35, 48.85], radiusM: 500, cellId: '0000001' }] }] }],
  mecNodes: [{ id: 'mec1', name: 'MEC 1', location: [2.35, 48.85], zoneIds: ['z1'] }],
});

let db: DbClient;
let host: TFakeSandboxHost;
let dir: string;
let blobs: TBlobStore;
let deps: TSandboxDeps;

async function person(roles: TActor['roles'], tenant?: string): Promise<TActor> {
  return resolveActor(db, freshIdentity(tenant ? { tenant } : {}, roles));
}

async function problemOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A version of `owner`'s tenant with a real package file in the blob store. */
async function versionWithPackage(owner: TActor, options: { publish?: boolean } = {}) {
  const file = path.join(dir, `pkg-${Math.random()}.csar`);
  await writeFile(file, `package ${Math.random()}`);
  const { digest } = await blobs.putFromFile(file);
  const app = await newApp(db, owner);
  const version = await newVersion(db, owner, app.id, { digest, publish: options.publish });
  return { app, version };
}

beforeAll(async () => {
  db = getPrisma();
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-api-'));
  blobs = createBlobStore({ dataDir: path.join(dir, 'data') });
  host = await startFakeSandboxHost({ scenarios: [scenario('campus'), scenario('highway')], inboxDir: path.join(dir, 'host', 'inbox') });
  deps = { db, host: createHostClient({ url: host.url, secret: host.secret }), blobs, settings: { quota: 2, ttlSec: 3600, inboxDir: path.join(dir, 'host', 'inbox') } };
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sandboxes', () => {
  it('lists the host\'s scenarios, creates, lists, reads and deletes a sandbox, audited', async () => {
    const developer = await person(['developer']);
    expect((await listScenarios(deps)).items.map((s) => s.id)).toEqual(['campus', 'highway']);
    const created = await createSandbox(deps, developer, { scenarioId: 'highway', clock: 'virtual' });
    expect(created).toMatchObject({ scenarioId: 'highway', seed: 7, clock: 'virtual', status: 'ready', experience: false, ownerId: developer.subject, name: 'Scenario highway' });
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBeGreaterThan(3590_000);
    expect(host.sites.has(created.id)).toBe(true);
    expect((await listSandboxes(deps, developer, { limit: 20 })).items.map((s) => s.id)).toEqual([created.id]);
    expect(await getSandbox(deps, developer, created.id)).toMatchObject({ id: created.id, status: 'ready' });
    await deleteSandbox(deps, developer, created.id, 'req-1');
    expect(host.sites.has(created.id)).toBe(false);
    expect(await db.sandbox.findUnique({ where: { id: created.id } })).toBeNull();
    const actions = await db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['sandbox.create', 'sandbox.delete']);
  });

  it('refuses a sandbox past the tenant\'s quota, naming the limit; experience sandboxes do not count', async () => {
    const developer = await person(['developer']);
    await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    const refused = await problemOf(createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' }));
    expect(refused.status).toBe(409);
    expect(refused.extensions).toMatchObject({ reason: 'sandbox-quota-exceeded', limit: 2 });
    expect(refused.message).toContain('2');
    expect(await db.sandbox.count({ where: { tenantId: developer.tenant.id } })).toBe(2);
  });

  it('keeps nothing when the host cannot build the site', async () => {
    const developer = await person(['developer']);
    host.failNextCreate = true;
    const refused = await problemOf(createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' }));
    expect(refused.status).toBe(503);
    expect(await db.sandbox.count({ where: { tenantId: developer.tenant.id } })).toBe(0);
  });

  it('hides another tenant\'s sandbox (404), lets store admins read but not drive, and refuses other roles (403)', async () => {
    const developer = await person(['developer']);
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    const stranger = await person(['developer']);
    expect((await problemOf(getSandbox(deps, stranger, created.id))).status).toBe(404);
    expect((await problemOf(deleteSandbox(deps, stranger, created.id))).status).toBe(404);
    expect((await listSandboxes(deps, stranger, { limit: 20 })).items).toEqual([]);
    const storeAdmin = await person(['store-admin'], developer.tenant.slug);
    expect((await getSandbox(deps, storeAdmin, created.id)).id).toBe(created.id);
    expect((await problemOf(actOnSandbox(deps, storeAdmin, created.id, 'start'))).status).toBe(403);
    const operator = await person(['operator'], developer.tenant.slug);
    expect((await problemOf(getSandbox(deps, operator, created.id))).status).toBe(403);
    expect((await problemOf(createSandbox(deps, operator, { scenarioId: 'campus', clock: 'real' }))).status).toBe(403);
    expect(host.sites.get(created.id)?.status).toBe('ready');
  });

  it('runs only virtual sandboxes: two of the same scenario and seed give the same event-log hash', async () => {
    const developer = await person(['developer']);
    const real = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    expect((await problemOf(runSandbox(deps, developer, real.id, 60))).extensions).toMatchObject({ reason: 'sandbox-not-virtual' });
    const other = await person(['developer']);
    const a = await createSandbox(deps, other, { scenarioId: 'campus', clock: 'virtual', seed: 42 });
    const b = await createSandbox(deps, other, { scenarioId: 'campus', clock: 'virtual', seed: 42 });
    const [ra, rb] = [await runSandbox(deps, other, a.id, 600), await runSandbox(deps, other, b.id, 600)];
    expect(ra.timeSec).toBe(600);
    expect(ra.eventLogSha256).toBe(rb.eventLogSha256);
  });

  it('shows a sandbox the host lost as failed with the reason, and still deletes it', async () => {
    const developer = await person(['developer']);
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    host.sites.delete(created.id);
    expect(await getSandbox(deps, developer, created.id)).toMatchObject({ status: 'failed', failureReason: SITE_LOST_REASON });
    expect((await problemOf(actOnSandbox(deps, developer, created.id, 'start'))).extensions).toMatchObject({ reason: 'sandbox-failed' });
    await deleteSandbox(deps, developer, created.id);
    expect(await db.sandbox.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it('expires sandboxes past their time: host site and row removed, audited sandbox.expired', async () => {
    const developer = await person(['developer']);
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real', ttlSec: 60 });
    const kept = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    const result = await expireSandboxes(deps, { now: new Date(Date.now() + 61_000) });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(host.sites.has(created.id)).toBe(false);
    expect(await db.sandbox.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await db.sandbox.findUnique({ where: { id: kept.id } })).not.toBeNull();
    expect(await db.auditEvent.findFirst({ where: { targetId: created.id, action: 'sandbox.expired' } })).toMatchObject({ tenantId: developer.tenant.id });
  });

  it('deploys the tenant\'s own verified version through the host\'s inbox, and refuses another tenant\'s (404)', async () => {
    const developer = await person(['developer']);
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    const { version } = await versionWithPackage(developer);
    const deployed = await deployToSandbox(deps, developer, created.id, version.id, 'req-d');
    expect(deployed.deployment).toMatchObject({ appVersionId: version.id, state: 'RUNNING' });
    expect(host.received.at(-1)).toMatch(new RegExp(`${created.id}-.+\\.csar$`));
    expect(await readdir(deps.settings.inboxDir!)).toEqual([]);
    const foreign = await versionWithPackage(await person(['developer']));
    const refused = await problemOf(deployToSandbox(deps, developer, created.id, foreign.version.id));
    expect(refused.status).toBe(404);
    expect(refused.extensions).toMatchObject({ resource: 'app-version' });
  });

  it('"try it" passes a request to the sandbox\'s MEC APIs and refuses big bodies', async () => {
    const developer = await person(['developer']);
    const created = await createSandbox(deps, developer, { scenarioId: 'campus', clock: 'real' });
    const request = new Request(`http://portal/api/v1/sandboxes/${created.id}/mec/location/v3/queries/users?address=acr:10.0.0.1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const answer = await sandboxTryIt(deps, developer, created.id, request, 'location/v3/queries/users');
    expect(await answer.json()).toEqual({ echo: 'location/v3/queries/users?address=acr:10.0.0.1', method: 'POST', body: { a: 1 } });
    const big = new Request('http://portal/x', { method: 'POST', body: 'x'.repeat(300 * 1024) });
    expect((await problemOf(sandboxTryIt(deps, developer, created.id, big, 'x'))).status).toBe(413);
  });

  it('lets any signed-in visitor try an experienceable published app in a sandbox of their own', async () => {
    const publisher = await person(['developer']);
    const { app, version } = await versionWithPackage(publisher, { publish: true });
    const visitor = await person(['operator']);
    const refused = await problemOf(experienceApp(deps, visitor, app.id));
    expect(refused.status).toBe(409);
    expect(refused.extensions).toMatchObject({ reason: 'app-not-experienceable' });
    await updateApp(db, publisher, app.id, { experienceable: true });
    const first = await experienceApp(deps, visitor, app.id, 'req-x');
    expect(first).toMatchObject({ experience: true, scenarioId: 'campus', status: 'running', ownerId: visitor.subject, deployment: { appVersionId: version.id } });
    expect(Date.parse(first.expiresAt) - Date.parse(first.createdAt)).toBeLessThanOrEqual(600_000 + 5_000);
    expect((await getSandbox(deps, visitor, first.id)).id).toBe(first.id);
    const second = await experienceApp(deps, visitor, app.id);
    expect(await db.sandbox.findMany({ where: { ownerSubject: visitor.subject }, select: { id: true } })).toEqual([{ id: second.id }]);
    expect(host.sites.has(first.id)).toBe(false);
    // Not counted in the quota: the visitor's tenant can still create its own.
    const colleague = await person(['developer'], visitor.tenant.slug);
    await createSandbox(deps, colleague, { scenarioId: 'campus', clock: 'real' });
    await createSandbox(deps, colleague, { scenarioId: 'campus', clock: 'real' });
    const otherStoreAdmin = await person(['store-admin']);
    expect((await problemOf(setExperienceable(db, otherStoreAdmin, app.id, false))).status).toBe(404);
    const storeAdmin = await person(['store-admin'], publisher.tenant.slug);
    expect(await setExperienceable(db, storeAdmin, app.id, false)).toEqual({ appId: app.id, experienceable: false });
    expect((await problemOf(experienceApp(deps, visitor, app.id))).extensions).toMatchObject({ reason: 'app-not-experienceable' });
  });

  it('answers 503 sandbox-host-unavailable without a configured host', async () => {
    const developer = await person(['developer']);
    const refused = await problemOf(createSandbox({ ...deps, host: null }, developer, { scenarioId: 'campus', clock: 'real' }));
    expect(refused.status).toBe(503);
    expect(refused.extensions).toMatchObject({ reason: 'sandbox-host-unavailable' });
    expect(refused.message).toContain('not configured');
  });
});
