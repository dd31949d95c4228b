/**
 * The node registry in Chromium: registering a node shows its enrolment command, an agent that
 * runs it turns the node online on the map, revoke asks first and turns it revoked, delete asks
 * first, node groups, CSV import that refuses a file with a bad row (and imports nothing), and the
 * GeoJSON export (API and download), each tenant seeing only its own nodes.
 */
import { readFileSync } from 'node:fs';
import type { TEdgeNode, TNodeFeatureCollection } from '@mecport/contracts';
import type { APIRequestContext, Page } from '@playwright/test';
import { enrolTestAgent } from '../support/agent';
import { call, expectProblem } from '../support/auth-matrix';
import { enrolWithToken, tokenOfCommand } from '../support/edge-node-agent';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function nodesNamed(request: APIRequestContext, q: string, user = 'operator'): Promise<string[]> {
  const res = await call(request, { method: 'GET', path: `/api/v1/edge/nodes?limit=100&q=${encodeURIComponent(q)}` }, await tokenFor(user));
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: TEdgeNode[] }).items.map((n) => n.name);
}

async function openImport(page: Page, content: string): Promise<void> {
  await page.getByTestId('import-nodes').click();
  await page.getByTestId('import-content').fill(content);
}

test('registering a node shows its one-line enrolment command; the agent running it turns the node online on the map', async ({ page, request }) => {
  const name = unique('e2e-ui-node');
  await signIn(page, 'operator', '/edge-map/nodes');
  await page.getByTestId('create-node').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register a node');
  // the contract's checks first: nothing typed yet
  await page.getByTestId('node-form-submit').click();
  await expect(page.getByTestId('node-form-create').locator('[data-field="name"]')).toBeFocused();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  // coordinates by clicking the map
  await page.getByTestId('location-picker').locator('.leaflet-container').click({ position: { x: 200, y: 120 } });
  await expect(page.getByRole('textbox', { name: 'Latitude', exact: true })).not.toHaveValue('');
  await page.getByRole('textbox', { name: 'Latitude', exact: true }).fill('31.2304');
  await page.getByRole('textbox', { name: 'Longitude', exact: true }).fill('121.4737');
  await page.getByRole('textbox', { name: 'Province / state', exact: true }).fill('上海市');
  await page.getByRole('textbox', { name: 'City', exact: true }).fill('上海');
  await page.getByTestId('labels-editor-add').click();
  await page.getByLabel('Key 1', { exact: true }).fill('tier');
  await page.getByLabel('Value 1', { exact: true }).fill('gold');
  await page.getByTestId('node-form-submit').click();

  const command = page.getByTestId('enrolment-command');
  await expect(command).toContainText(`npx mecport-agent enroll --portal ${E2E.gatewayUrl} --token `);
  await expect(page.getByTestId('enrolment-expiry')).toContainText('expires');
  await expect(page.getByTestId('enrolment-copy')).toBeVisible();
  const agent = await enrolWithToken(request, tokenOfCommand((await command.textContent())!));
  await agent.heartbeat();

  await page.goto(`/edge-map?q=${name}`);
  const map = page.getByTestId('edge-map');
  await expect(map).toHaveAttribute('data-rendered', 'true');
  await expect(map).toHaveAttribute('data-marker-count', '1');
  await expect(page.locator(`.edge-node-marker[title="${name} — Online"]`)).toBeVisible();
});

test('revoke asks for confirmation, turns the node revoked, and a new token re-enrols it', async ({ page, request }) => {
  const agent = await enrolTestAgent(request);
  await signIn(page, 'operator', `/edge-map/nodes/${agent.nodeId}`);
  const status = page.getByTestId('node-page').getByTestId('node-status').first();
  await expect(status).toHaveAttribute('data-status', 'online');

  await page.getByTestId('revoke-node').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('must enrol again');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(status).toHaveAttribute('data-status', 'online');

  await page.getByTestId('revoke-node').click();
  await page.getByRole('dialog').getByTestId('confirm-ok').click();
  await expect(status).toHaveAttribute('data-status', 'revoked');
  await expect(page.getByTestId('enrolment-state')).toContainText('revoked');
  const refused = await call(request, { method: 'GET', path: `/api/v1/edge/nodes/${agent.nodeId}/desired?waitSec=0` }, await agent.token());
  await expectProblem(refused, 401);

  await page.getByTestId('new-ticket').click();
  const again = await enrolWithToken(request, tokenOfCommand((await page.getByTestId('enrolment-command').textContent())!));
  expect(again.nodeId).toBe(agent.nodeId);
  await expect(status).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
});

test('delete asks for confirmation and removes the node', async ({ page, request }) => {
  const agent = await enrolTestAgent(request);
  await signIn(page, 'operator', `/edge-map/nodes/${agent.nodeId}`);
  const name = (await page.getByTestId('node-title').textContent())!;
  await page.getByTestId('delete-node').click();
  await page.getByRole('dialog').getByTestId('confirm-ok').click();
  await expect(page).toHaveURL(/\/edge-map\/nodes$/);
  expect(await nodesNamed(request, name)).toEqual([]);
});

test('node groups are listed, created and deleted after a confirmation', async ({ page }) => {
  const group = unique('e2e-group');
  await signIn(page, 'operator', '/edge-map/nodes');
  await expect(page.getByTestId('group-row').filter({ hasText: 'cn-south' })).toBeVisible();
  await page.getByTestId('group-name').fill(group);
  await page.getByTestId('group-create').click();
  const row = page.locator(`[data-testid="group-row"][data-group-name="${group}"]`);
  await expect(row).toBeVisible();
  await page.getByTestId('group-name').fill(group);
  await page.getByTestId('group-create').click();
  await expect(page.getByTestId('group-problem')).toContainText('already');
  await row.getByTestId('group-delete').click();
  await page.getByRole('dialog').getByTestId('confirm-ok').click();
  await expect(row).toHaveCount(0);
});

test('a CSV import with a bad row reports that row and imports nothing; the corrected file imports', async ({ page, request }) => {
  const prefix = unique('e2e-csv');
  const group = unique('e2e-csv-group');
  const header = 'name,latitude,longitude,address,province,city,district,group,labels';
  const bad = [header, `${prefix}-a,48.14,11.58,,Bayern,München,,${group},tier=gold`, `${prefix}-b,95,11.60,,Bayern,München,,${group},`, `${prefix}-c,48.20,11.62,,Bayern,München,,,site=lab`].join('\n');
  await signIn(page, 'operator', '/edge-map/nodes');
  await openImport(page, bad);
  await page.getByTestId('import-submit').click();
  const rows = page.getByTestId('import-invalid-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-line', '3');
  await expect(rows.first()).toContainText('latitude');
  await expect(page.getByTestId('import-invalid')).toContainText('nothing was imported');
  expect(await nodesNamed(request, prefix)).toEqual([]);

  await page.getByTestId('import-content').fill(bad.replace(`${prefix}-b,95,`, `${prefix}-b,48.16,`));
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('import-report')).toContainText(group);
  expect(await nodesNamed(request, prefix)).toEqual([]);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-dry-run', 'false');
  await expect(page.getByTestId('import-report')).toContainText('3 created');
  expect((await nodesNamed(request, prefix)).sort()).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByTestId('nodes-search').fill(prefix);
  await expect(page.getByTestId('node-row')).toHaveCount(3);
});

test('the export is GeoJSON of the tenant\'s nodes, from the API and as a download', async ({ page, request }) => {
  const res = await call(request, { method: 'GET', path: '/api/v1/edge/nodes/export' }, await tokenFor('operator'));
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/geo+json');
  const fc = (await res.json()) as TNodeFeatureCollection;
  expect(fc.type).toBe('FeatureCollection');
  const munich = fc.features.find((f) => f.properties.name === 'muc-schwabing-01');
  expect(munich).toMatchObject({ geometry: { type: 'Point', coordinates: [11.586, 48.165] }, properties: { city: 'München', group: 'eu-central', status: 'pending' } });
  const globex = (await (await call(request, { method: 'GET', path: '/api/v1/edge/nodes/export' }, await tokenFor('globex-operator'))).json()) as TNodeFeatureCollection;
  expect(globex.features.map((f) => f.properties.name)).not.toContain('muc-schwabing-01');
  await expectProblem(await call(request, { method: 'GET', path: '/api/v1/edge/nodes/export' }, await tokenFor('developer')), 403);

  await signIn(page, 'operator', '/edge-map/nodes');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-nodes').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^edge-nodes-acme-mobile-.*\.geojson$/);
  const saved = JSON.parse(readFileSync((await file.path())!, 'utf8')) as TNodeFeatureCollection;
  expect(saved.features.length).toBe(fc.features.length);
});
