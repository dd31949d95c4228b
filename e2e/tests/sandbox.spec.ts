/**
 * The sandbox in the browser (issue 13, "Done when"): the demo developer reads an API in the
 * capability catalog, goes to the Sandbox area, starts a real-time sandbox on the campus scenario, watches a
 * UE's marker move on the map, deploys the sample app Zone Watcher (examples/zone-watcher) from
 * the app picker, sees its Mp1 and Location calls in the call log, moves a UE into another zone
 * with the inject panel and sees the zone notification the app received, downloads the HAR, and
 * deletes the sandbox. The store's "Try it" on an experienceable app opens a sandbox of its own.
 */
import { readFileSync } from 'node:fs';
import type { TStoreAppDetail } from '@mecport/contracts';
import type { TSandbox, TScenarioSummary, TWorldSnapshot } from '@mecport/contracts/sandbox';
import type { APIRequestContext, Page } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

test.describe.configure({ timeout: 600_000 });

const SAMPLE_APP = 'Zone Watcher';

async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await call(request, { method: 'GET', path }, await tokenFor('developer'));
  expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** The campus scenario when shipped (UEs walking between zones), else the first one listed. */
async function campusScenario(request: APIRequestContext): Promise<TScenarioSummary> {
  const page = await apiGet<{ items: TScenarioSummary[] }>(request, '/api/v1/sandbox-scenarios?limit=100');
  expect(page.items.length, 'the sandbox ships scenarios').toBeGreaterThan(0);
  return page.items.find((s) => s.id.includes('campus')) ?? page.items[0]!;
}

/** Where the first UE's marker is drawn (Leaflet positions markers with a CSS transform). */
async function firstUeTransform(page: Page): Promise<{ id: string; transform: string }> {
  return page.getByTestId('sandbox-map').locator('[data-ue-id]').first().evaluate((span) => ({
    id: span.getAttribute('data-ue-id') ?? '',
    transform: (span.parentElement as HTMLElement).style.transform,
  }));
}

/** A point inside an access point of a zone the UE is not in now (moving it there is a zone change). */
function pointInOtherZone(world: TWorldSnapshot, ueId: string): [number, number] {
  const ue = world.ues.find((u) => u.id === ueId)!;
  const poa = world.poas.find((p) => p.up && p.zoneId !== ue.zoneId);
  expect(poa, 'the scenario has an access point in another zone').toBeDefined();
  return poa!.location;
}

async function pickOption(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name, exact: true }).click();
}

async function filterCalls(page: Page, filters: { api?: string; direction?: string }): Promise<void> {
  const clear = page.getByTestId('calls-filter-clear');
  if (await clear.isVisible()) await clear.click();
  if (filters.api) await pickOption(page, 'calls-filter-api', filters.api);
  if (filters.direction) await pickOption(page, 'calls-filter-direction', filters.direction);
}

test('a developer starts a sandbox, watches UEs move, deploys the sample app, reads its calls and a zone notification, downloads the HAR and deletes it', async ({ page, request }) => {
  const scenario = await campusScenario(request);
  // Read an API in the catalog first (issue 13's path), then go to the Sandbox area.
  await signIn(page, 'developer', '/capabilities');
  await page.getByTestId('capability-link').first().click();
  await expect(page.getByTestId('capability-page')).toBeVisible();
  await page.getByTestId('main-nav').locator('[data-area="sandbox"]').click();
  await expect(page).toHaveURL(/\/sandboxes$/);

  // Create: a real-time sandbox on the scenario, named so this test finds it.
  await page.getByTestId('sandbox-new').click();
  await page.locator(`[data-testid="scenario-option"][data-scenario-id="${scenario.id}"]`).click();
  await expect(page.locator(`[data-scenario-id="${scenario.id}"] [data-testid="scenario-counts"]`)).toContainText(String(scenario.ueCount));
  await page.getByTestId('name-input').fill('e2e browser sandbox');
  await page.getByTestId('sandbox-create-submit').click();
  await page.waitForURL(/\/sandboxes\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const sandboxId = page.url().split('/').pop()!;

  try {
    await expect(page.getByTestId('sandbox-page')).toHaveAttribute('data-status', /ready|running/, { timeout: 60_000 });
    await expect(page.getByTestId('sandbox-network-shaping')).toBeVisible();

    // Watch UEs move: start the clock, then a marker's position changes.
    if ((await page.getByTestId('sandbox-page').getAttribute('data-status')) === 'ready') await page.getByTestId('sandbox-start').click();
    await expect(page.getByTestId('sandbox-page')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    await expect(page.getByTestId('sandbox-map').locator('[data-ue-id]').first()).toBeAttached({ timeout: 30_000 });
    const before = await firstUeTransform(page);
    await expect.poll(async () => (await firstUeTransform(page)).transform, { timeout: 30_000, message: 'the UE marker moves' }).not.toBe(before.transform);

    // Deploy the sample app from the developer's apps; it confirms ready over Mp1.
    await pickOption(page, 'deploy-app', SAMPLE_APP);
    await page.getByTestId('deploy-version').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('deploy-submit').click();
    await expect(page.getByTestId('sandbox-deployment')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
    await expect(page.getByTestId('deployment-state')).toHaveText('RUNNING');

    // Its Mp1 and Location calls, request and response.
    await filterCalls(page, { api: 'Mp1 application support' });
    const confirmReady = page.getByTestId('call-row').filter({ hasText: 'confirm_ready' }).first();
    await expect(confirmReady).toBeVisible({ timeout: 60_000 });
    await confirmReady.getByTestId('call-toggle').click();
    await expect(page.getByTestId('call-detail').getByTestId('call-request')).toBeVisible();
    await confirmReady.getByTestId('call-toggle').click();
    await filterCalls(page, { api: 'Location (MEC 013)' });
    await expect(page.getByTestId('call-row').filter({ hasText: 'zonalTraffic' }).first()).toBeVisible({ timeout: 60_000 });

    // Move the UE into another zone (typed coordinates: the keyboard path); the app is notified.
    const world = await apiGet<TWorldSnapshot>(request, `/api/v1/sandboxes/${sandboxId}/world`);
    const [lon, lat] = pointInOtherZone(world, before.id);
    await pickOption(page, 'inject-ue', before.id);
    await page.getByLabel('Longitude').fill(String(lon));
    await page.getByLabel('Latitude').fill(String(lat));
    await page.getByTestId('inject-move').click();
    await expect(page.getByTestId('inject-result').first()).toHaveAttribute('data-ok', 'true');
    await filterCalls(page, { api: 'Location (MEC 013)', direction: 'Notification' });
    const notification = page.locator('[data-testid="call-row"][data-direction="notification"]').first();
    await expect(notification, 'a zone notification reaches the app').toBeVisible({ timeout: 90_000 });
    await notification.getByTestId('call-toggle').click();
    await expect(page.getByTestId('call-request-body').first()).toContainText('zonalPresenceNotification');

    // The event log has the zone change; the app's logs have lines.
    await page.getByTestId('tab-events').click();
    await expect(page.locator('[data-testid="event-row"][data-kind="ue-poa-change"]').first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('tab-logs').click();
    await expect(page.locator('[data-testid="sandbox-log-line"][data-source="app"]').first()).toBeVisible({ timeout: 30_000 });

    // HAR: every recorded exchange, as HAR 1.2.
    await page.getByTestId('tab-calls').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('calls-har').click();
    const har = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { log: { version: string; entries: { request: { url: string } }[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.some((e) => e.request.url.includes('confirm_ready'))).toBe(true);

    // Delete, after the confirmation.
    await page.getByTestId('sandbox-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page).toHaveURL(/\/sandboxes$/);
    await expect(page.locator(`[data-testid="sandbox-row"][data-sandbox-id="${sandboxId}"]`)).toHaveCount(0);
  } finally {
    // A failed step leaves no sandbox behind (404 when the test already deleted it).
    await call(request, { method: 'DELETE', path: `/api/v1/sandboxes/${sandboxId}` }, await tokenFor('developer'));
  }
});

test('the create form asks for a scenario before it sends anything', async ({ page }) => {
  await signIn(page, 'developer', '/sandboxes');
  await expect(page.getByTestId('sandbox-list')).toBeVisible();
  await page.getByTestId('sandbox-new').click();
  await page.getByTestId('sandbox-create-submit').click();
  await expect(page.getByTestId('scenario-picker')).toContainText('Pick a scenario');
  await expect(page).toHaveURL(/\/sandboxes$/);
});

test('the store offers Try it on an experienceable app only, and it opens a sandbox running the app for the visitor', async ({ page, request }) => {
  const catalog = (await (await request.get(`/api/v1/store/apps?${new URLSearchParams({ q: SAMPLE_APP, limit: '50' })}`)).json()) as { items: { id: string; slug: string }[] };
  const sample = catalog.items.find((i) => i.slug === 'zone-watcher');
  expect(sample, 'the sample app is published').toBeDefined();
  const others = (await (await request.get('/api/v1/store/apps?limit=50')).json()) as { items: { id: string; slug: string }[] };
  const plain = others.items.find((i) => i.slug !== 'zone-watcher')!;
  const detail = async (id: string) => ((await (await request.get(`/api/v1/store/apps/${id}`)).json()) as TStoreAppDetail).app;
  const setExperienceable = async (id: string, experienceable: boolean) => {
    const res = await call(request, { method: 'PUT', path: `/api/v1/store/apps/${id}/experienceable`, body: { experienceable } }, await tokenFor('store-admin'));
    expect(res.status(), await res.text()).toBeLessThan(300);
  };
  // The demo data marks the sample app experienceable; where it does not (yet), a store admin does it here.
  const wasExperienceable = (await detail(sample!.id)).experienceable;
  const plainWas = (await detail(plain.id)).experienceable;
  if (!wasExperienceable) await setExperienceable(sample!.id, true);
  if (plainWas) await setExperienceable(plain.id, false);
  let sandboxId: string | null = null;
  try {
    await signIn(page, 'tester', `/store/${plain.id}`);
    await expect(page.getByTestId('store-app')).toBeVisible();
    await expect(page.getByTestId('store-try-it')).toHaveCount(0);

    await page.goto(`/store/${sample!.id}`);
    await page.getByTestId('store-try-it').click();
    await page.waitForURL(/\/sandboxes\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    sandboxId = page.url().split('/').pop()!;
    await expect(page.getByTestId('sandbox-page')).toBeVisible();
    const res = await call(request, { method: 'GET', path: `/api/v1/sandboxes/${sandboxId}` }, await tokenFor('tester'));
    expect(((await res.json()) as TSandbox).experience).toBe(true);
    await expect(page.getByTestId('sandbox-deployment')).toContainText(SAMPLE_APP, { timeout: 60_000 });
    await expect(page.getByTestId('deploy-app')).toHaveCount(0); // a visitor's sandbox runs the store's app only
  } finally {
    if (sandboxId) await call(request, { method: 'DELETE', path: `/api/v1/sandboxes/${sandboxId}` }, await tokenFor('tester'));
    if (!wasExperienceable) await setExperienceable(sample!.id, false);
    if (plainWas) await setExperienceable(plain.id, true);
  }
});
