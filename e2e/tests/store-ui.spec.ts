/**
 * The store UI in the browser against the demo store that `npm start` seeds (DEMO_APPS): the
 * public catalog, search in Chinese and English, filters in the URL, "load more", the app page
 * with its AppD summary, and a signed-in user's rating and comment.
 */
import { DEMO_APPS, type TCatalogPage } from '@mecport/contracts';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';

const cards = (page: Page) => page.getByTestId('catalog-card');
const slugsOn = (page: Page) => cards(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-slug')));

async function appId(request: import('@playwright/test').APIRequestContext, slug: string): Promise<string> {
  const demo = DEMO_APPS.find((a) => a.slug === slug)!;
  const page = (await (await request.get(`/api/v1/store/apps?${new URLSearchParams({ q: demo.name, limit: '50' })}`)).json()) as TCatalogPage;
  return page.items.find((i) => i.slug === slug)!.id;
}

/** Clicks a star of the viewer's own rating (the star is the radio input's label). */
async function rate(page: Page, stars: string): Promise<void> {
  const id = await page.getByTestId('my-rating').getByLabel(stars, { exact: true }).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}

test('an anonymous visitor sees the seeded demo apps, page by page', async ({ page }) => {
  await page.goto('/store');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Store');
  await expect(cards(page)).toHaveCount(9);
  // "Load more" brings the rest of the dozen (and any app other tests published), with no repeats
  await page.getByTestId('catalog-more').click();
  await expect(cards(page)).not.toHaveCount(9);
  while (await page.getByTestId('catalog-more').isVisible()) {
    const before = await cards(page).count();
    await page.getByTestId('catalog-more').click();
    await expect(cards(page)).not.toHaveCount(before);
  }
  const slugs = await slugsOn(page);
  expect(new Set(slugs).size, 'no repeats').toBe(slugs.length);
  expect(slugs).toEqual(expect.arrayContaining(DEMO_APPS.map((a) => a.slug)));
  const video = cards(page).and(page.locator('[data-slug="edge-video-analytics"]'));
  await expect(video).toContainText('Edge Video Analytics');
  await expect(video).toContainText('Acme Vision Labs');
  await expect(video.getByTestId('certified-badge')).toBeVisible();
  await expect(video.getByTestId('rating-summary')).toHaveAttribute('data-count', '3');
});

test('search finds an app by a Chinese word and by an English word, and the URL keeps the words', async ({ page }) => {
  await page.goto('/store');
  await expect(cards(page).first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('碰撞预警');
  await expect.poll(() => slugsOn(page)).toEqual(['v2x-collision-warning']);
  await expect(page).toHaveURL(/q=%E7%A2%B0/);
  await search.fill('Museum');
  await expect.poll(() => slugsOn(page)).toEqual(['ar-museum-guide']);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('Museum');
  await expect.poll(() => slugsOn(page)).toEqual(['ar-museum-guide']);
  await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-app-anywhere');
  await expect(page.getByTestId('catalog-empty')).toBeVisible();
  await expect(cards(page)).toHaveCount(0);
});

test('filters and sorting work in the browser and survive a reload', async ({ page }) => {
  await page.goto('/store');
  await expect(cards(page).first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'IoT' }).click();
  await expect.poll(() => slugsOn(page)).toEqual(['industrial-iot-gateway']);
  await expect(page).toHaveURL(/category=iot/);
  await page.reload();
  await expect.poll(() => slugsOn(page)).toEqual(['industrial-iot-gateway']);

  await page.getByTestId('catalog-clear').click();
  await expect(page).toHaveURL(/\/store$/);
  await page.getByRole('switch', { name: 'Certified only' }).click();
  await expect(page.getByRole('switch', { name: 'Certified only' })).toBeChecked();
  const certified = DEMO_APPS.filter((a) => a.certified).map((a) => a.slug).sort();
  await expect.poll(async () => (await slugsOn(page)).sort()).toEqual(certified);

  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Most downloaded' }).click();
  const byDownloads = DEMO_APPS.filter((a) => a.certified).sort((a, b) => b.downloads - a.downloads).map((a) => a.slug);
  await expect.poll(() => slugsOn(page)).toEqual(byDownloads);
  await expect(page).toHaveURL(/certified=1/);
  await expect(page).toHaveURL(/sort=downloads/);

  await page.getByRole('combobox', { name: 'Architecture' }).click();
  await page.getByRole('option', { name: 'aarch64' }).click();
  await expect.poll(async () => (await slugsOn(page)).sort()).toEqual(DEMO_APPS.filter((a) => a.certified && a.architecture === 'aarch64').map((a) => a.slug).sort());
});

test('the app page shows the listing, versions and the AppD summary; anonymous visitors are asked to sign in', async ({ page }) => {
  await page.goto('/store?q=video');
  await page.locator('[data-slug="edge-video-analytics"]').getByTestId('catalog-card-link').click();
  await expect(page.getByTestId('store-app-name')).toHaveText('Edge Video Analytics');
  await expect(page.getByTestId('store-app-provider')).toContainText('Acme Vision Labs');
  await expect(page.getByTestId('store-app-description')).toContainText('video analytics');
  await expect(page.getByTestId('store-app-version')).toHaveCount(1);
  await expect(page.getByTestId('store-app-version')).toContainText('1.2.0');
  const appd = page.getByTestId('appd-summary');
  await expect(appd).toContainText('mecport-demo-edge-video-analytics');
  await expect(page.getByTestId('appd-required')).toContainText('rnis');
  await expect(page.getByTestId('appd-required')).toContainText('location');
  await expect(page.getByTestId('appd-produced')).toContainText('video-analytics');
  await expect(page.getByTestId('appd-traffic')).toContainText('edge-video-analytics-tr1');
  await expect(page.getByTestId('appd-dns')).toContainText('video.acme.example');
  await expect(appd).toContainText('20 ms');
  await expect(page.getByTestId('download-sign-in')).toBeVisible();
  await expect(page.getByTestId('download-button')).toHaveCount(0);
  await expect(page.getByTestId('comment-form')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveCount(1);
});

test('in Chinese the app page shows the Chinese name and description first', async ({ page, context, request }) => {
  const id = await appId(request, 'v2x-collision-warning');
  await context.addCookies([{ name: 'MECPORT_LOCALE', value: 'zh-CN', url: E2E.portalUrl }]);
  await page.goto(`/store/${id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('store-app-name')).toHaveText('车路协同碰撞预警');
  await expect(page.getByTestId('store-app-description')).toContainText('碰撞预警');
});

test('a signed-in user rates an app, comments, and deletes the comment after confirming', async ({ page, request }) => {
  const id = await appId(request, 'industrial-iot-gateway'); // nobody has rated it yet
  await signIn(page, 'tester', `/store/${id}`);
  await expect(page.getByTestId('store-app-name')).toHaveText('Industrial IoT Gateway');
  const before = Number(await page.getByTestId('store-app-ratings').getByTestId('rating-summary').first().getAttribute('data-count'));

  await rate(page, '4 stars');
  await expect(page.getByTestId('my-rating-saved')).toContainText('4 stars');
  await expect(page.getByTestId('store-app-ratings').getByTestId('rating-summary').first()).toHaveAttribute('data-count', String(before + 1));
  // editable: a new choice replaces the old rating, the count stays
  await rate(page, '2 stars');
  await expect(page.getByTestId('my-rating-saved')).toContainText('2 stars');
  await expect(page.getByTestId('store-app-ratings').getByTestId('rating-summary').first()).toHaveAttribute('data-count', String(before + 1));

  const text = `Smooth at 60 fps from the edge ${Date.now()}`;
  await page.getByTestId('comment-submit').click();
  await expect(page.getByTestId('comment-form')).toContainText('Write something first.');
  await page.getByRole('textbox', { name: 'Your comment' }).fill(text);
  await page.getByTestId('comment-submit').click();
  const mine = page.getByTestId('comment').filter({ hasText: text });
  await expect(mine).toHaveCount(1);
  await page.reload();
  await expect(mine).toHaveCount(1);

  await mine.getByTestId('comment-delete').click();
  const dialog = page.getByRole('dialog', { name: 'Delete your comment?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(mine).toHaveCount(1);
  await mine.getByTestId('comment-delete').click();
  await page.getByRole('dialog', { name: 'Delete your comment?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(mine).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('store-app-name')).toBeVisible();
  await expect(page.getByTestId('comment').filter({ hasText: text })).toHaveCount(0);
});

test('a signed-in user gets the package, or sees plainly why not', async ({ page, request }) => {
  const id = await appId(request, 'edge-cdn-cache');
  await signIn(page, 'operator', `/store/${id}`);
  const download = page.waitForEvent('download', { timeout: 15_000 }).then(() => 'downloaded').catch(() => 'none');
  await page.getByTestId('download-button').click();
  const error = page.getByTestId('download-error');
  const outcome = await Promise.race([download, error.waitFor({ timeout: 15_000 }).then(() => 'problem')]);
  if (outcome === 'problem') {
    await expect(error.getByTestId('problem-title')).not.toBeEmpty();
    await expect(error.getByTestId('problem-title')).toContainText(/HTTP status \d{3}/);
  } else {
    expect(outcome).toBe('downloaded');
  }
});
