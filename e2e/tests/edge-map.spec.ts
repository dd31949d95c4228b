/**
 * The operator's edge map in Chromium with no tile server (blank local tiles): every node drawn
 * and clustered, filters and search narrowing the markers, the side panel, an enrolled node
 * turning online, picking nodes for a deployment, and the zh-CN text.
 */
import { decodeMapNodes, type TMapNodeList } from '@mecport/contracts';
import type { APIRequestContext, Page } from '@playwright/test';
import { enrolTestAgent } from '../support/agent';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

/** What the API says the map should show for a query (the markers must agree). */
async function apiCount(request: APIRequestContext, query = ''): Promise<number> {
  const res = await call(request, { method: 'GET', path: `/api/v1/edge/map/nodes${query}` }, await tokenFor('operator'));
  expect(res.status()).toBe(200);
  return ((await res.json()) as TMapNodeList).total;
}

async function drawnMarkers(page: Page): Promise<number> {
  const map = page.getByTestId('edge-map');
  await expect(map).toHaveAttribute('data-rendered', 'true');
  return Number(await map.getAttribute('data-marker-count'));
}

async function expectMarkers(page: Page, expected: number): Promise<void> {
  await expect.poll(() => drawnMarkers(page), { timeout: 15_000 }).toBe(expected);
}

const marker = (page: Page, name: string) => page.locator(`.leaflet-marker-icon.edge-node-marker[title^="${name} — "]`);

/** A Mantine select of the filters (by its test id), then one of its options. */
async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the map draws every node with no tile server, and filters and search narrow the markers', async ({ page, request }) => {
  const tiles: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/edge-map/tiles/')) tiles.push(r.url()); });
  await signIn(page, 'operator', '/edge-map');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edge map');
  const total = await apiCount(request);
  expect(total, 'the 30 demo nodes at least').toBeGreaterThanOrEqual(30);
  await expectMarkers(page, total);
  await expect(page.getByTestId('map-shown-count')).toHaveAttribute('data-total', String(total));
  await expect(page.locator('.marker-cluster, .edge-cluster').first()).toBeVisible();
  expect(tiles.length, 'tiles come from the portal itself').toBeGreaterThan(0);
  await expect(page.getByTestId('map-legend').locator('[data-status="pending"]')).toContainText('Not enrolled');

  await pick(page, 'filter-status', 'Not enrolled');
  await expectMarkers(page, await apiCount(request, '?status=pending'));
  await page.getByTestId('filter-clear').click();
  await expectMarkers(page, total);

  await pick(page, 'filter-province', '广东省');
  const guangdong = await apiCount(request, `?province=${encodeURIComponent('广东省')}`);
  expect(guangdong).toBeGreaterThanOrEqual(4);
  await expectMarkers(page, guangdong);
  await pick(page, 'filter-city', '深圳');
  await expectMarkers(page, await apiCount(request, `?province=${encodeURIComponent('广东省')}&city=${encodeURIComponent('深圳')}`));
  await expect(page).toHaveURL(/city=/);
  await page.getByTestId('filter-clear').click();

  await page.getByTestId('filter-label').fill('tier=gold,site=campus');
  await expectMarkers(page, await apiCount(request, '?label=tier%3Dgold%2Csite%3Dcampus'));
  await page.getByTestId('filter-clear').click();

  const groups = (await (await call(request, { method: 'GET', path: '/api/v1/edge/node-groups' }, await tokenFor('operator'))).json()) as { items: { id: string; name: string }[] };
  await pick(page, 'filter-group', 'eu-west');
  await expectMarkers(page, await apiCount(request, `?groupId=${groups.items.find((g) => g.name === 'eu-west')!.id}`));
  await page.getByTestId('filter-clear').click();

  await page.getByTestId('map-search').fill('nanshan');
  await expectMarkers(page, 1);
  await expect(page.getByTestId('map-match')).toHaveText(['sz-nanshan-01']);
  await page.getByTestId('map-search').fill('no-such-node-name');
  await expectMarkers(page, 0);
  await expect(page.getByTestId('map-no-matches')).toBeVisible();
});

test('the map query goes out gzipped to a browser, carries an ETag of its content, and answers 304 to it', async ({ request }) => {
  const authorization = `Bearer ${await tokenFor('operator')}`;
  // Only nodes never enrolled, so the answer cannot change between the two reads (tests run one at a
  // time): the whole tenant's map also holds the demo agent's node, whose status and heartbeat move
  // on (issue 9: this test failed once when they did). Still over the 1 KiB gzip threshold.
  const stable = '/api/v1/edge/map/nodes?status=pending';
  const first = await request.get(stable, { headers: { authorization, 'accept-encoding': 'gzip, deflate, br' } });
  expect(first.status()).toBe(200);
  // The API server sends the answer gzipped once per content (CachedAnswer.gzipped), over 1 KiB
  expect(first.headers()['content-encoding']).toBe('gzip');
  expect(first.headers()['cache-control']).toBe('private, no-cache');
  const etag = first.headers()['etag']!;
  expect(etag).toMatch(/^W\/"[\w-]+"$/);
  const list = (await first.json()) as TMapNodeList;
  const nodes = decodeMapNodes(list);
  expect(nodes).toHaveLength(list.total);
  expect(nodes.length).toBeGreaterThanOrEqual(30);
  expect(nodes.every((n) => n.status === 'pending')).toBe(true);
  expect(nodes.find((n) => n.name === 'sz-nanshan-01')).toMatchObject({ province: '广东省', city: '深圳', district: '南山区', status: 'pending' });

  const again = await request.get(stable, { headers: { authorization, 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect(again.headers()['etag']).toBe(etag);
  expect((await again.body()).byteLength).toBe(0);
  const other = await request.get(`/api/v1/edge/map/nodes?province=${encodeURIComponent('广东省')}`, { headers: { authorization, 'if-none-match': etag } });
  expect(other.status(), 'another query has other content, so another ETag').toBe(200);
});

test('a marker opens the side panel with the node\'s details, apps and topology; Escape closes it', async ({ page }) => {
  await signIn(page, 'operator', '/edge-map?q=nanshan');
  await expectMarkers(page, 1);
  await marker(page, 'sz-nanshan-01').click();
  const panel = page.getByTestId('node-panel');
  await expect(panel.getByTestId('node-panel-name')).toHaveText('sz-nanshan-01');
  await expect(panel.getByTestId('node-status')).toHaveAttribute('data-status', 'pending');
  await expect(panel.getByTestId('node-facts')).toContainText('广东省 / 深圳 / 南山区');
  await expect(panel.getByTestId('node-facts')).toContainText('cn-south');
  await expect(panel.getByTestId('node-facts')).toContainText('tier=gold');
  await expect(panel.getByTestId('metrics-empty')).toBeVisible();
  await panel.getByTestId('node-panel-apps-tab').click();
  await expect(panel.getByTestId('instances-empty')).toBeVisible();
  await panel.getByTestId('node-panel-topology-tab').click();
  await expect(panel.getByTestId('node-topology')).toContainText('sz-nanshan-01');
  await expect(page).toHaveURL(/node=/);
  await panel.getByTestId('node-panel-name').press('Escape');
  await expect(panel).toHaveCount(0);
});

test('an enrolled node shows online on the map, with its metrics and Mp1 services in the panel', async ({ page, request }) => {
  const agent = await enrolTestAgent(request);
  const nodeRes = await call(request, { method: 'GET', path: `/api/v1/edge/nodes/${agent.nodeId}` }, await tokenFor('operator'));
  const name = ((await nodeRes.json()) as { node: { name: string } }).node.name;
  const beat = await call(request, {
    method: 'POST', path: `/api/v1/edge/nodes/${agent.nodeId}/heartbeat`,
    body: {
      agentVersion: 'e2e', appliedRevision: -1, instances: [],
      metrics: { cpuPercent: 42, memUsedBytes: 4 * 2 ** 30, memTotalBytes: 8 * 2 ** 30, diskUsedBytes: 1, diskTotalBytes: 2, load1: 1, load5: 1, load15: 1 },
      services: [{ serInstanceId: 'rnis-1', serName: 'rnis', appInstanceId: '00000000-0000-4000-8000-0000000000e2', state: 'ACTIVE', version: '2.1.1' }],
    },
  }, await agent.token());
  expect(beat.ok()).toBe(true);

  await signIn(page, 'operator', `/edge-map?q=${name}`);
  await expectMarkers(page, 1);
  await expect(marker(page, name)).toHaveAttribute('title', `${name} — Online`);
  await marker(page, name).press('Enter');
  const panel = page.getByTestId('node-panel');
  await expect(panel.getByTestId('node-status')).toHaveAttribute('data-status', 'online');
  await expect(panel.getByTestId('metrics-chart')).toContainText('CPU 42%');
  await expect(panel.getByTestId('metrics-chart')).toContainText('50%');
  await panel.getByTestId('node-panel-apps-tab').click();
  await expect(panel.getByTestId('node-services')).toContainText('rnis');
  await panel.getByTestId('node-panel-topology-tab').click();
  await expect(panel.getByTestId('node-topology')).toContainText('rnis');
});

test('picked nodes link to a deployment of exactly those nodes', async ({ page, request }) => {
  await signIn(page, 'operator', '/edge-map?province=%E5%B9%BF%E4%B8%9C%E7%9C%81');
  const shown = await apiCount(request, `?province=${encodeURIComponent('广东省')}`);
  await expectMarkers(page, shown);
  await page.getByTestId('select-filtered').click();
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', String(shown));
  const href = await page.getByTestId('deploy-selected').getAttribute('href');
  const list = decodeMapNodes((await (await call(request, { method: 'GET', path: `/api/v1/edge/map/nodes?province=${encodeURIComponent('广东省')}` }, await tokenFor('operator'))).json()) as TMapNodeList);
  expect(new URL(href!, 'http://x').pathname).toBe('/edge-map/deployments/new');
  expect(new URL(href!, 'http://x').searchParams.get('nodeIds')!.split(',').sort()).toEqual(list.map((n) => n.id).sort());

  await page.getByTestId('select-clear').click();
  await page.getByTestId('map-search').fill('tianhe');
  await expectMarkers(page, 1);
  await marker(page, 'gz-tianhe-01').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', '1');
  await expect(page.getByTestId('node-panel')).toHaveCount(0);
  const one = list.find((n) => n.name === 'gz-tianhe-01')!;
  await expect(page.getByTestId('deploy-selected')).toHaveAttribute('href', `/edge-map/deployments/new?nodeIds=${one.id}`);
});

test('the map speaks zh-CN when the language is switched', async ({ page }) => {
  await signIn(page, 'operator', '/edge-map');
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('边缘地图');
  await expect(page.getByTestId('map-legend').locator('[data-status="pending"]')).toContainText('未注册');
  await expect(page.getByTestId('edge-map-tabs')).toContainText('节点');
  await expect(page.getByRole('textbox', { name: '按名称搜索', exact: true })).toBeVisible();
  // the choice is saved in the operator's profile: put it back for the other tests
  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
