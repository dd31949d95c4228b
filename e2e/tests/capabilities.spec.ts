/**
 * The capability catalog (issue 13): search, a platform API's reference with code samples, the
 * third-party services of the demo store's apps, zh-CN, and a store admin's curation seen by a developer.
 */
import type { TCapabilityCurationInput } from '@mecport/contracts';
import { call } from '../support/auth-matrix';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

/** Opens a capability's page from the catalog's search, as a person would. */
async function openCapability(page: Page, query: string, key: string): Promise<string> {
  await page.goto('/capabilities');
  await page.getByTestId('capability-search').fill(query);
  const card = page.locator(`[data-testid="capability-card"][data-capability="${key}"]`);
  const id = (await card.getAttribute('data-capability-id'))!;
  await card.getByTestId('capability-link').click();
  await expect(page).toHaveURL(new RegExp(`/capabilities/${id}$`));
  return id;
}

const UNCURATED: TCapabilityCurationInput = { featured: false, hidden: false, deprecated: false, descriptionEn: '', descriptionZh: '' };

test('a developer searches the catalog and reads Location with its samples, in English and Chinese', async ({ page }) => {
  await signIn(page, 'developer', '/capabilities');
  await expect(page.getByTestId('capability-card').first()).toBeVisible();
  await page.getByTestId('capability-search').fill('zonal');
  const card = page.locator('[data-testid="capability-card"][data-capability="platform/location"]');
  await expect(card).toBeVisible();
  await expect(page.locator('[data-testid="capability-card"][data-capability="platform/bwm"]')).toHaveCount(0);
  await card.getByTestId('capability-link').click();

  await expect(page).toHaveURL(/\/capabilities\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('capability-title')).toHaveText('Location');
  await expect(page.getByTestId('emulation-note')).toHaveAttribute('data-emulated', 'true');
  await expect(page.getByTestId('used-by-table')).toContainText('Edge Video Analytics');
  const reference = page.locator('[data-testid="spec-reference"][data-spec="mec013-location"]');
  await expect(reference.getByTestId('spec-version')).toContainText('2.2.1');

  await reference.getByTestId('operation-filter').fill('zonalTraffic');
  const operation = reference.locator('[data-testid="operation"][data-operation="post /subscriptions/zonalTraffic"]');
  await operation.getByRole('button').first().click();
  await expect(operation.getByTestId('request-body')).toBeVisible();
  await expect(operation.getByTestId('sample-curl')).toContainText("curl -X POST 'https://mec.example.com/location/v2/subscriptions/zonalTraffic'");
  await expect(operation.getByTestId('sample-curl')).toContainText('"zoneId": "zone01"');
  await operation.getByTestId('sample-tab-typescript').click();
  await expect(operation.getByTestId('sample-typescript')).toContainText('await fetch(');
  await operation.getByTestId('sample-tab-python').click();
  await expect(operation.getByTestId('sample-python')).toContainText('import requests');
  // The developer has no running sandbox here: "try it" says so and links to the Sandbox area.
  await expect(operation.getByTestId('try-it-no-sandbox')).toBeVisible();
  await expect(operation.getByTestId('try-it-sandbox-link')).toHaveAttribute('href', '/sandboxes');

  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('capability-title')).toHaveText('位置服务');
  await expect(page.getByTestId('emulation-note')).toContainText('沙箱模拟此 API');
  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('UE identity says plainly that the sandbox does not emulate it', async ({ page }) => {
  await signIn(page, 'developer', '/capabilities');
  await openCapability(page, 'UE identity', 'platform/ue-identity');
  await expect(page.getByTestId('emulation-note')).toHaveAttribute('data-emulated', 'false');
  await expect(page.getByTestId('emulation-note')).toContainText('does not emulate');
  await expect(page.locator('[data-testid="spec-reference"][data-spec="mec014-ue-identity"] [data-testid="operation"]').first()).toBeVisible();
  await expect(page.getByTestId('try-it')).toHaveCount(0);
});

test('a third-party service shows the demo app that provides it', async ({ page }) => {
  await signIn(page, 'developer', '/capabilities');
  await page.getByTestId('capability-kind-filter').getByText('Third-party service').click();
  await expect(page.locator('[data-testid="capability-card"][data-capability^="platform/"]')).toHaveCount(0);
  await openCapability(page, 'video-analytics', 'service/video-analytics');
  await expect(page.getByTestId('capability-title')).toHaveText('video-analytics');
  await expect(page.getByTestId('provided-by-table')).toContainText('Edge Video Analytics');
});

test('a store admin features and describes a capability; a developer sees it, and cannot curate', async ({ page, browser, request }) => {
  const adminToken = await tokenFor('store-admin');
  let curationPath = '';
  try {
    await signIn(page, 'store-admin', '/capabilities');
    const rnis = await openCapability(page, 'radio network', 'platform/rnis');
    curationPath = `/api/v1/capabilities/${rnis}/curation`;
    const form = page.getByTestId('curation-form');
    await form.getByRole('switch', { name: 'Featured' }).check();
    await form.getByTestId('curation-description-en').fill('Radio conditions of your users, curated for e2e.');
    await form.getByTestId('curation-description-zh').fill('用户的无线状况（端到端测试）。');
    await form.getByTestId('curation-save').click();
    await expect(form.getByTestId('curation-saved')).toBeVisible();

    const context = await browser.newContext();
    const developer = await context.newPage();
    await signIn(developer, 'developer', '/capabilities');
    const first = developer.getByTestId('capability-card').first();
    await expect(first).toHaveAttribute('data-capability', 'platform/rnis');
    await expect(first.getByTestId('capability-featured')).toBeVisible();
    await expect(first.getByTestId('capability-description')).toHaveText('Radio conditions of your users, curated for e2e.');
    await first.getByTestId('capability-link').click();
    await expect(developer.getByTestId('capability-page-description')).toHaveText('Radio conditions of your users, curated for e2e.');
    await expect(developer.getByTestId('curation-form')).toHaveCount(0);
    await context.close();

    const refused = await call(request, { method: 'PUT', path: curationPath, body: UNCURATED }, await tokenFor('developer'));
    expect(refused.status()).toBe(403);
  } finally {
    if (curationPath) expect((await call(request, { method: 'PUT', path: curationPath, body: UNCURATED }, adminToken)).status()).toBe(200);
  }
});
