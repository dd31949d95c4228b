/**
 * Status badges are read whole (issue 10: "NOT ENR…", "未…", "WA…"): no badge in the nodes table
 * or a validation report is narrower than its text, in English and in 简体中文, on a narrow window.
 */
import { DEMO_SAMPLES, type TApp } from '@mecport/contracts';
import type { Locator, Page } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { switchLanguage } from '../support/console-errors';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

// A laptop's half screen: the tables are at their tightest before they scroll sideways.
test.use({ viewport: { width: 1024, height: 800 } });

/** Each badge (and its label) with more text than width: the cut ones. */
async function truncated(badges: Locator): Promise<string[]> {
  return badges.evaluateAll((els) => els.flatMap((el) => {
    const label = el.querySelector('.mantine-Badge-label') ?? el;
    const cut = [el, label].some((e) => e.scrollWidth > e.clientWidth);
    return cut ? [`${el.textContent ?? ''} (${el.clientWidth}px < ${el.scrollWidth}px)`] : [];
  }));
}

async function expectWhole(page: Page, badges: Locator, minimum: number): Promise<void> {
  await expect.poll(() => badges.count()).toBeGreaterThanOrEqual(minimum);
  await expect(badges.first()).toBeVisible();
  expect(await truncated(badges), `cut badges on ${page.url()} in ${await page.locator('html').getAttribute('lang')}`).toEqual([]);
}

test('the nodes table shows every node status whole, in English and in Chinese', async ({ page }) => {
  await signIn(page, 'operator', '/edge-map/nodes');
  const badges = page.getByTestId('nodes-table').getByTestId('node-status');
  await expect(badges.filter({ hasText: 'Not enrolled' }).first()).toBeVisible();
  await expectWhole(page, badges, 10);
  await switchLanguage(page, 'zh-CN');
  await expect(badges.filter({ hasText: '未注册' }).first()).toBeVisible();
  await expectWhole(page, badges, 10);
  await switchLanguage(page, 'en');
});

test('a validation report shows every check result whole, in English and in Chinese', async ({ page, request }) => {
  const list = await call(request, { method: 'GET', path: '/api/v1/apps?limit=100' }, await tokenFor('developer'));
  const apps = ((await list.json()) as { items: TApp[] }).items;
  const face = DEMO_SAMPLES.find((s) => s.file === 'face_recognition1.4.csar')!;
  await signIn(page, 'developer', `/developer/apps/${apps.find((a) => a.slug === face.slug)!.id}`);
  const upload = page.getByTestId('upload-row').filter({ hasText: face.file });
  const toggle = upload.getByTestId('upload-report-toggle');
  await toggle.click();
  const results = upload.getByTestId('check-status');
  await expect(upload.locator('[data-testid="report-check"][data-status="warn"]').first()).toBeVisible();
  await expectWhole(page, results, 5);
  await switchLanguage(page, 'zh-CN');
  await expect(toggle).toHaveText(/报告/);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expectWhole(page, results, 5);
  await switchLanguage(page, 'en');
});
