/**
 * The demo store as `npm start` leaves it (the e2e webServer is `npm start`): every demo app is
 * published with a package built by the codec, so its page shows the AppD the package carries and
 * a signed-in download gets the very bytes the version recorded; the EdgeGallery samples are the
 * developer's unpublished drafts, failed ones with their validation reports.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validatePackage } from '@mecport/app-package';
import { DEMO_APPS, DEMO_SAMPLES, type TApp, type TCatalogPage, type TStoreAppDetail } from '@mecport/contracts';
import type { APIRequestContext, Page } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

const cards = (page: Page) => page.getByTestId('catalog-card');

async function storeDetail(request: APIRequestContext, slug: string): Promise<TStoreAppDetail> {
  const demo = DEMO_APPS.find((a) => a.slug === slug)!;
  const catalog = (await (await request.get(`/api/v1/store/apps?${new URLSearchParams({ q: demo.name, limit: '50' })}`)).json()) as TCatalogPage;
  const id = catalog.items.find((i) => i.slug === slug)!.id;
  return (await (await request.get(`/api/v1/store/apps/${id}`)).json()) as TStoreAppDetail;
}

test('the store lists every demo app, and none of the EdgeGallery sample drafts', async ({ page }) => {
  await page.goto('/store');
  await expect(cards(page).first()).toBeVisible();
  while (await page.getByTestId('catalog-more').isVisible()) {
    const before = await cards(page).count();
    await page.getByTestId('catalog-more').click();
    await expect(cards(page)).not.toHaveCount(before);
  }
  const slugs = await cards(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-slug')));
  expect(slugs).toEqual(expect.arrayContaining(DEMO_APPS.map((a) => a.slug)));
  for (const sample of DEMO_SAMPLES) expect(slugs).not.toContain(sample.slug);
});

test('a demo app page shows the AppD summary its package declares', async ({ page, request }) => {
  const demo = DEMO_APPS.find((a) => a.slug === 'v2x-collision-warning')!;
  const detail = await storeDetail(request, demo.slug);
  await page.goto(`/store/${detail.app.id}`);
  const appd = page.getByTestId('appd-summary');
  await expect(appd).toContainText(`mecport-demo-${demo.slug}`);
  await expect(appd).toContainText(demo.provider);
  for (const service of demo.services.required) await expect(page.getByTestId('appd-required')).toContainText(service);
  await expect(page.getByTestId('appd-required')).toContainText('V2XI');
  await expect(page.getByTestId('appd-produced')).toContainText(demo.services.produced);
  await expect(page.getByTestId('appd-traffic')).toContainText(`${demo.slug}-tr1`);
  await expect(page.getByTestId('appd-traffic')).toContainText('FORWARD_DECAPSULATED');
  await expect(page.getByTestId('appd-dns')).toContainText(demo.domain);
  await expect(appd).toContainText('20 ms');
});

test('a signed-in download of a demo package is the package its version recorded', async ({ page, request }, testInfo) => {
  // A Globex app downloaded by an Acme operator: the store is shared across tenants.
  const detail = await storeDetail(request, 'edge-llm-inference');
  const latest = detail.versions[0]!;
  await signIn(page, 'operator', `/store/${detail.app.id}`);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-button').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`edge-llm-inference-${latest.version}.csar`);
  const file = testInfo.outputPath('package.csar');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.length).toBe(latest.packageSize);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(latest.packageDigest);
  const report = await validatePackage(file);
  expect(report.ok).toBe(true);
  expect(report.appd?.appDId).toBe('mecport-demo-edge-llm-inference');
  await expect(page.getByTestId('download-error')).toHaveCount(0);
});

test('the developer workspace shows the EdgeGallery samples: validated drafts, and failed uploads with their reports', async ({ page, request }) => {
  const list = await call(request, { method: 'GET', path: '/api/v1/apps?limit=100' }, await tokenFor('developer'));
  const apps = ((await list.json()) as { items: TApp[] }).items;
  const idOf = (slug: string) => apps.find((a) => a.slug === slug)!.id;

  const face = DEMO_SAMPLES.find((s) => s.file === 'face_recognition1.4.csar')!;
  await signIn(page, 'developer', `/developer/apps/${idOf(face.slug)}`);
  const version = page.getByTestId('version-row').filter({ hasText: face.version });
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'validated');
  await expect(version.getByTestId('validation-counts')).toContainText(/[1-9]\d* warn/);

  const broken = DEMO_SAMPLES.find((s) => s.file === 'sampleapp.csar')!;
  await page.goto(`/developer/apps/${idOf(broken.slug)}`);
  await expect(page.getByTestId('version-row')).toHaveCount(0);
  const upload = page.getByTestId('upload-row').filter({ hasText: broken.file });
  await expect(upload).toHaveAttribute('data-state', 'failed');
  await expect(upload.getByTestId('upload-failure')).toContainText('manifest.digest');
  await upload.getByTestId('upload-report-toggle').click();
  const failed = upload.locator('[data-testid="report-check"][data-status="fail"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.first()).toContainText('manifest.digest');
  await expect(failed.first()).toContainText('mecport-pkg rehash');
});
