/**
 * The developer's sandbox REST API as a CI drives it (issue 13, "Done when"): the demo developer
 * creates a virtual-clock sandbox, deploys the sample app Zone Watcher (examples/zone-watcher),
 * runs the scenario for 600 s and reads the event log hash, the ordered engine events and the call
 * log (the app's confirm_ready, its Location zonal traffic subscription, a zone notification to
 * it); a second sandbox with the same scenario and seed gives the same hash and the same events.
 * Another tenant's developer gets 404 on both; after delete neither is listed.
 */
import type { TEngineEvent, TSandbox, TSandboxRunResult } from '@mecport/contracts/sandbox';
import type { APIRequestContext } from '@playwright/test';
import { expectProblem } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { publishedVersionId, sandboxApi, type TSandboxApi } from '../support/sandbox-api';
import { tokenFor } from '../support/tokens';

test.describe.configure({ timeout: 600_000 });

const SEED = 20_260_115;
const RUN_SEC = 600;

/** The campus scenario (sandbox/scenarios/campus.yaml): people walking between two zones for ten minutes. */
const SCENARIO = 'campus';

interface TRunOutcome { sandbox: TSandbox; result: TSandboxRunResult; events: TEngineEvent[] }

/** One sandbox through the whole scenario: ready, the app deployed, ready and subscribed, 600 s run, a zone notification delivered. */
async function runScenario(api: TSandboxApi, scenario: string, appVersionId: string, name: string): Promise<TRunOutcome> {
  const created = await api.create({ scenarioId: scenario, clock: 'virtual', seed: SEED, name });
  expect(created).toMatchObject({ scenarioId: scenario, clock: 'virtual', seed: SEED, experience: false });
  await expect.poll(async () => (await api.read(created.id)).status, { timeout: 60_000 }).toBe('ready');

  await api.deploy(created.id, appVersionId);
  await expect.poll(async () => (await api.read(created.id)).deployment?.readyConfirmed ?? false, { timeout: 120_000, message: 'the app confirms ready' }).toBe(true);
  // The app subscribes to zonal traffic once it found Location on Mp1; the run starts after that.
  await expect.poll(async () => (await api.calls(created.id, { api: 'location', method: 'POST' })).filter((c) => c.url.includes('/subscriptions/zonalTraffic') && c.status === 201).length, { timeout: 60_000 }).toBeGreaterThan(0);

  const started = await api.start(created.id);
  expect(started.status(), await started.text()).toBeLessThan(300);
  const result = await api.run(created.id, RUN_SEC);
  expect(result.timeSec).toBeGreaterThanOrEqual(RUN_SEC);
  expect(result.eventCount).toBeGreaterThan(0);

  await expect.poll(async () => (await api.calls(created.id, { direction: 'notification', api: 'location' })).filter((c) => c.status === 204).length, {
    timeout: 60_000, message: 'a zone notification reaches the app',
  }).toBeGreaterThan(0);
  const calls = await api.calls(created.id);
  const confirmReady = calls.find((c) => c.direction === 'request' && c.source === 'app' && c.api === 'mp1-app-support' && c.method === 'POST' && c.url.includes('/confirm_ready'));
  expect(confirmReady, 'the call log has the app\'s confirm_ready').toMatchObject({ status: 204 });
  const subscription = calls.find((c) => c.source === 'app' && c.api === 'location' && c.method === 'POST' && c.url.includes('/subscriptions/zonalTraffic'));
  expect(subscription?.status, 'the call log has the Location subscription').toBe(201);
  const notification = calls.find((c) => c.direction === 'notification' && c.api === 'location' && c.status === 204);
  expect(notification?.request.body ?? '', 'the call log has a zone notification').toContain('zonalPresenceNotification');
  expect(notification!.url).toContain('/location/zonal-traffic');
  // The app itself received it (its log line), not only the sandbox sending it.
  await expect.poll(async () => (await api.logs(created.id)).some((l) => l.source === 'app' && l.line.includes('zone notification')), { timeout: 30_000 }).toBe(true);

  return { sandbox: created, result, events: await api.events(created.id) };
}

async function expectHiddenFrom(request: APIRequestContext, stranger: TSandboxApi, id: string): Promise<void> {
  for (const path of [`/api/v1/sandboxes/${id}`, `/api/v1/sandboxes/${id}/calls`, `/api/v1/sandboxes/${id}/events`, `/api/v1/sandboxes/${id}/world`]) await expectProblem(await stranger.get(path), 404);
  await expectProblem(await request.fetch(`/api/v1/sandboxes/${id}/run`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor('globex-developer')}`, 'content-type': 'application/json' }, data: JSON.stringify({ seconds: 1 }), failOnStatusCode: false }), 404);
  await expectProblem(await stranger.remove(id), 404);
  expect((await stranger.list()).map((s) => s.id)).not.toContain(id);
}

test('the REST API runs the same scenario on the virtual clock twice with the same result, for its tenant only', async ({ request }) => {
  const developer = sandboxApi(request, await tokenFor('developer'));
  const stranger = sandboxApi(request, await tokenFor('globex-developer'));
  const scenario = SCENARIO;
  const appVersionId = await publishedVersionId(request, 'Zone Watcher', 'zone-watcher');
  const made: string[] = [];
  try {
    const first = await runScenario(developer, scenario, appVersionId, 'e2e REST run A');
    made.push(first.sandbox.id);
    const second = await runScenario(developer, scenario, appVersionId, 'e2e REST run B');
    made.push(second.sandbox.id);

    expect(second.result.eventLogSha256).toBe(first.result.eventLogSha256);
    expect(second.result.eventCount).toBe(first.result.eventCount);
    expect(second.events).toEqual(first.events);
    expect(first.events.some((e) => e.kind === 'ue-poa-change' && e.fromZoneId !== e.toZoneId), 'a UE changed zone').toBe(true);

    for (const id of made) await expectHiddenFrom(request, stranger, id);
    for (const id of made) expect((await developer.read(id)).id).toBe(id);
  } finally {
    for (const id of made) expect((await developer.remove(id)).status()).toBe(204);
  }
  const listed = (await developer.list()).map((s) => s.id);
  for (const id of made) {
    expect(listed).not.toContain(id);
    await expectProblem(await developer.get(`/api/v1/sandboxes/${id}`), 404);
  }
});
