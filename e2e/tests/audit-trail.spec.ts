/** Operator-visible actions leave an audit trail that the tenant's admin can read and filter. */
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

test('the admin area lists the tenant\'s audit events and filters them by action', async ({ page, request }) => {
  const changed = await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'en' } }, await tokenFor('operator'));
  expect(changed.status()).toBe(200);

  await signIn(page, 'admin', '/admin');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('audit-table')).toContainText('Olga Operator');

  await page.getByLabel('Action').fill('no.such.action');
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await page.getByLabel('Action').fill('profile.preferences.update');
  await expect(rows.first()).toHaveAttribute('data-action', 'profile.preferences.update');
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="profile.preferences.update"])')).toHaveCount(0);
});

test('another tenant\'s admin does not see these events', async ({ page }) => {
  await signIn(page, 'globex-admin', '/admin');
  await expect(page.getByTestId('audit-trail')).toBeVisible();
  await expect(page.getByTestId('audit-table').or(page.getByTestId('audit-empty'))).toBeVisible();
  await expect(page.getByText('Olga Operator', { exact: true })).toHaveCount(0);
});
