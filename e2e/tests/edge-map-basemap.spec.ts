/**
 * The edge map's built-in basemap (issue 10): with MECPORT_MAP_TILE_URL=none the Natural Earth
 * outlines are drawn with a notice; with a tile server that fails, the map probes one tile, falls
 * back to the outlines and says so; with tiles that load, no outlines and no notice. The page logs
 * no console errors of its own (the one failed probe tile is Chromium's own log line).
 *
 * The `none` and `pmtiles:` cases need a portal started with that setting: a second portal
 * process on the stack's database, to which this page's requests for the stack's portal are
 * forwarded (the dev IdP only knows the stack's portal address for its sign-in redirect).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TileType } from 'pmtiles';
import { writePmtilesArchive, type TTestTile } from '../../apps/portal/src/testing/pmtiles-archive-writer';
import { consoleErrors, switchLanguage } from '../support/console-errors';
import { expect, test } from '../support/fixtures';
import { crashPortal, startSecondPortal, type TSecondPortal } from '../support/second-portal';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';

const SECOND_PORTAL_PORT = E2E.basemapPortalPort;
const PMTILES_PORTAL_PORT = E2E.pmtilesPortalPort;
const outlines = (page: Page) => page.locator('.edge-map-frame path.edge-basemap-country');

/** From here on, the page's requests for the stack's portal are answered by `portalUrl`. */
async function forwardPortal(page: Page, portalUrl: string): Promise<void> {
  await page.route(`${E2E.portalUrl}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(E2E.portalUrl, portalUrl) });
    await route.fulfill({ response });
  });
}

async function expectMapDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('edge-map')).toHaveAttribute('data-rendered', 'true');
}

test.describe('with MECPORT_MAP_TILE_URL=none', () => {
  let portal: TSecondPortal | undefined;
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    portal = await startSecondPortal(SECOND_PORTAL_PORT, { MECPORT_MAP_TILE_URL: 'none' });
  });
  test.afterAll(async () => { await crashPortal(portal?.child); });

  test('the map draws country and province outlines with no tile request, says so, and logs no error', async ({ page }) => {
    await signIn(page, 'operator', '/');
    await forwardPortal(page, portal!.url);
    const tiles: string[] = [];
    page.on('request', (r) => { if (/\/tiles\/|\.png$/.test(new URL(r.url()).pathname)) tiles.push(r.url()); });
    const errors = consoleErrors(page);
    await page.goto('/edge-map');
    await expectMapDrawn(page);
    await expect.poll(() => outlines(page).count(), { message: 'country borders drawn as SVG paths' }).toBeGreaterThan(0);
    expect(await page.locator('.edge-map-frame path.edge-basemap-land').count()).toBeGreaterThan(0);
    expect(await page.locator('.edge-map-frame path.edge-basemap-province').count(), 'province borders (Natural Earth 1:50m)').toBeGreaterThan(0);
    await expect(page.locator('.edge-map-frame path.edge-basemap-province-cn'), 'China\'s provinces (Natural Earth 1:10m)').toHaveCount(1);
    const notice = page.getByTestId('map-basemap-notice');
    await expect(notice).toHaveAttribute('data-reason', 'none');
    await expect(notice).toContainText('country and province outlines');
    await expect(page.locator('.leaflet-tile')).toHaveCount(0);
    expect(tiles, 'no tile is requested').toEqual([]);

    await switchLanguage(page, 'zh-CN');
    await expect(notice).toContainText('国家和省级边界');
    await switchLanguage(page, 'en');
    expect(errors.map(String)).toEqual([]);
  });

  test('the basemap is one cached file: an ETag of its content, then 304', async ({ request }) => {
    const first = await request.get(`${portal!.url}/edge-map/basemap.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status()).toBe(200);
    expect(first.headers()['content-encoding']).toBe('gzip');
    const topology = (await first.json()) as { type: string; objects: Record<string, unknown> };
    expect(topology.type).toBe('Topology');
    expect(Object.keys(topology.objects)).toEqual(expect.arrayContaining(['countries', 'subunits', 'land']));
    const etag = first.headers()['etag']!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request.get(`${portal!.url}/edge-map/basemap.json`, { headers: { 'if-none-match': etag } });
    expect(again.status()).toBe(304);
  });
});

test('tiles that fail fall back to the outlines after one probe tile, with a notice', async ({ page }) => {
  // The stack's tile URL is the portal's own (loopback) tile route: here it fails.
  const tileRequests: string[] = [];
  await page.route('**/edge-map/tiles/**', (route) => {
    tileRequests.push(route.request().url());
    return route.fulfill({ status: 503, contentType: 'text/plain', body: 'tile server down' });
  });
  const errors = consoleErrors(page);
  await signIn(page, 'operator', '/edge-map');
  await expectMapDrawn(page);
  const notice = page.getByTestId('map-basemap-notice');
  await expect(notice).toHaveAttribute('data-reason', 'tiles-failed');
  await expect(notice).toContainText('Map tiles could not be loaded');
  await expect.poll(() => outlines(page).count()).toBeGreaterThan(0);
  await expect(page.locator('.leaflet-tile')).toHaveCount(0);
  expect(tileRequests.length).toBeGreaterThan(0);
  expect(tileRequests.filter((u) => !u.endsWith('/edge-map/tiles/0/0/0.png')), 'only the z0 probe tile is asked for, no screenful').toEqual([]);
  const failedTile = (e: { text: string; url: string }) => e.url.includes('/edge-map/tiles/') && e.text.startsWith('Failed to load resource');
  expect(errors.filter((e) => !failedTile(e)).map(String), 'no console error but the failed probe tile').toEqual([]);
});

test('tiles that load are drawn without the outlines or a notice', async ({ page }) => {
  const errors = consoleErrors(page);
  await signIn(page, 'operator', '/edge-map');
  await expectMapDrawn(page);
  await expect.poll(() => page.locator('.leaflet-tile-loaded').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('map-basemap-notice')).toHaveCount(0);
  await expect(outlines(page)).toHaveCount(0);
  expect(errors.map(String)).toEqual([]);
});

/**
 * Every tile of zooms 0–5 (1,365 tiles), one 1x1 PNG each: the stack's demo nodes (Chinese and European
 * cities) fit at zoom 2–3. Not deeper: the test writer puts every entry in the root directory, which a
 * PMTiles reader expects within the file's first 16 KiB (real archives use leaf directories).
 */
function tilePyramid(): TTestTile[] {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const tiles: TTestTile[] = [];
  for (let z = 0; z <= 5; z += 1) {
    for (let x = 0; x < 2 ** z; x += 1) for (let y = 0; y < 2 ** z; y += 1) tiles.push({ z, x, y, bytes: png });
  }
  return tiles;
}

test.describe('with MECPORT_MAP_TILE_URL=pmtiles:<archive>', () => {
  let portal: TSecondPortal | undefined;
  let dir: string | undefined;
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    dir = await mkdtemp(path.join(tmpdir(), 'mecport-e2e-pmtiles-'));
    const archive = path.join(dir, 'world.pmtiles');
    await writePmtilesArchive(archive, { tileType: TileType.Png, tiles: tilePyramid() });
    portal = await startSecondPortal(PMTILES_PORTAL_PORT, { MECPORT_MAP_TILE_URL: `pmtiles:${archive}` });
  });
  test.afterAll(async () => {
    await crashPortal(portal?.child);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the map draws the archive\'s tiles from the portal\'s own tile route, with no outlines or notice', async ({ page }) => {
    await signIn(page, 'operator', '/');
    await forwardPortal(page, portal!.url);
    const errors = consoleErrors(page);
    await page.goto('/edge-map');
    await expectMapDrawn(page);
    await expect.poll(() => page.locator('.leaflet-tile-loaded').count(), { message: 'tiles from the archive drawn' }).toBeGreaterThan(0);
    const sources = await page.locator('.leaflet-tile-loaded').evaluateAll((imgs) => imgs.map((i) => new URL((i as HTMLImageElement).src).pathname));
    expect(sources.every((p) => /^\/edge-map\/pmtiles\/\d+\/\d+\/\d+$/.test(p)), sources.join(', ')).toBe(true);
    await expect(page.getByTestId('map-basemap-notice')).toHaveCount(0);
    await expect(outlines(page)).toHaveCount(0);
    expect(errors.map(String)).toEqual([]);
  });

  test('a tile is PNG with an ETag; a tile the archive lacks is a problem+json 404', async ({ request }) => {
    const tile = await request.get(`${portal!.url}/edge-map/pmtiles/0/0/0`);
    expect(tile.status()).toBe(200);
    expect(tile.headers()['content-type']).toBe('image/png');
    const again = await request.get(`${portal!.url}/edge-map/pmtiles/0/0/0`, { headers: { 'if-none-match': tile.headers()['etag']! } });
    expect(again.status()).toBe(304);
    const missing = await request.get(`${portal!.url}/edge-map/pmtiles/6/0/0`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toContain('application/problem+json');
  });
});
