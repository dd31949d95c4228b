/**
 * The developer workspace in the browser: the tenant's apps, creating an app through the form
 * (client-side and server-side field errors), editing its listing, the versions table with its
 * actions behind confirmations, and who does not get the area at all.
 */
import { DEMO_APPS } from '@mecport/contracts';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';

test('a developer sees the tenant\'s apps and their versions with status, validation counts and confirmed actions', async ({ page }) => {
  await signIn(page, 'developer', '/developer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My apps');
  const rows = page.getByTestId('developer-app-row');
  await expect(rows.first()).toBeVisible();
  const acme = DEMO_APPS.filter((a) => a.tenant === 'acme-mobile').map((a) => a.slug);
  const shown = await rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-slug')));
  for (const slug of acme) expect(shown).toContain(slug);
  for (const other of DEMO_APPS.filter((a) => a.tenant !== 'acme-mobile')) expect(shown).not.toContain(other.slug);

  await rows.and(page.locator('[data-slug="edge-video-analytics"]')).getByRole('link').click();
  await expect(page.getByTestId('developer-app-name')).toHaveText('Edge Video Analytics');
  const version = page.getByTestId('version-row').filter({ hasText: '1.2.0' });
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'published');
  await expect(version.getByTestId('validation-counts')).toContainText(/\d+ pass/);
  await expect(version.getByTestId('version-delete')).toHaveCount(0);
  // deprecating asks first; cancelling changes nothing
  await version.getByTestId('version-deprecate').click();
  const dialog = page.getByRole('dialog', { name: 'Deprecate version 1.2.0?' });
  await expect(dialog).toContainText('Nothing is deleted');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(version.getByTestId('version-status')).toHaveAttribute('data-status', 'published');
  // the uploader when the tus endpoint answers, else the plain notice
  await expect(page.getByTestId('uploader').or(page.getByTestId('upload-not-built'))).toBeVisible();
});

test('a developer creates an app through the form, sees field errors from the client and the server, and edits the listing', async ({ page }) => {
  const slug = `e2e-ui-${Date.now().toString(36)}`;
  await signIn(page, 'developer', '/developer');
  await page.getByTestId('create-app-button').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create app');
  const form = page.getByTestId('app-form-create');

  // nothing filled in: the required fields say so, nothing is sent
  await form.getByTestId('app-form-submit').click();
  await expect(form.getByText('Required.').first()).toBeVisible();

  await form.getByRole('textbox', { name: 'Name (English)' }).fill('Edge Video Analytics');
  await expect(form.getByRole('textbox', { name: 'Slug' })).toHaveValue('edge-video-analytics');
  await form.getByRole('textbox', { name: 'Name (Chinese)' }).fill('端到端测试应用');
  await form.getByRole('textbox', { name: 'Provider' }).fill('E2E Labs');
  await form.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'Smart city' }).click();
  await form.getByLabel('Tags', { exact: true }).fill('parking');
  await form.getByLabel('Tags', { exact: true }).press('Enter');
  await form.getByRole('textbox', { name: 'Description (English)' }).fill('Counts **cars** at the edge.\n\n- fast\n- local');
  await form.getByRole('textbox', { name: 'Description (Chinese)' }).fill('在边缘统计**车辆**。');
  await form.getByRole('textbox', { name: 'Icon URL' }).fill('ftp://icons.example/x.png');
  await form.getByTestId('app-form-submit').click();
  await expect(form.getByText('Enter an http:// or https:// URL.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Icon URL' }).fill('');

  // the slug of an existing app of the tenant: the server's 409 names the field
  await form.getByTestId('app-form-submit').click();
  await expect(form.getByText('already used in your tenant')).toBeVisible();
  await expect(form.getByTestId('app-form-problem').getByTestId('problem-request-id')).toBeVisible();
  await expect(page).toHaveURL(/\/developer\/apps\/new$/);

  await form.getByRole('textbox', { name: 'Slug' }).fill(slug);
  await form.getByTestId('app-form-submit').click();
  await expect(page.getByTestId('app-created')).toBeVisible();
  await expect(page.getByTestId('developer-app-name')).toHaveText('Edge Video Analytics');
  await expect(page.getByTestId('versions-empty')).toBeVisible();

  // edit the listing
  const edit = page.getByTestId('app-form-edit');
  await expect(edit.getByRole('textbox', { name: 'Slug' })).toHaveValue(slug);
  await edit.getByRole('textbox', { name: 'Name (English)' }).fill('Edge Parking Counter');
  await edit.getByRole('textbox', { name: 'Provider' }).fill('E2E Labs International');
  await edit.getByTestId('app-form-submit').click();
  await expect(edit.getByTestId('app-form-saved')).toBeVisible();
  await expect(page.getByTestId('developer-app-name')).toHaveText('Edge Parking Counter');
  await page.reload();
  await expect(page.getByTestId('app-form-edit').getByRole('textbox', { name: 'Provider' })).toHaveValue('E2E Labs International');

  await page.goto('/developer');
  await expect(page.getByTestId('developer-app-row').and(page.locator(`[data-slug="${slug}"]`))).toContainText('Edge Parking Counter');
});

test('a tester does not see the Developer area and is told which roles it needs', async ({ page }) => {
  await signIn(page, 'tester', '/');
  await expect(page.getByTestId('main-nav').locator('[data-area="store"]')).toBeVisible();
  await expect(page.getByTestId('main-nav').locator('[data-area="developer"]')).toHaveCount(0);
  await page.goto('/developer');
  await expect(page.getByTestId('area-forbidden')).toHaveAttribute('data-needs-roles', 'developer admin');
  await expect(page.getByTestId('developer-apps')).toHaveCount(0);
});

test('an anonymous visitor opening an app page of the workspace is asked to sign in', async ({ page }) => {
  await page.goto('/developer/apps/00000000-0000-4000-8000-000000000000');
  await expect(page.getByTestId('area-sign-in-required')).toBeVisible();
});
