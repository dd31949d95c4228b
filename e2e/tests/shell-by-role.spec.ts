/** Each role signs in through the dev IdP's login form and sees the areas meant for it. */
import { ROLES, type TRole } from '@mecport/contracts';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';

const AREAS_FOR: Record<TRole, string[]> = {
  developer: ['store', 'developer', 'sandbox', 'capabilities', 'apiDocs'],
  tester: ['store', 'certification', 'apiDocs'],
  operator: ['store', 'edgeMap', 'apiDocs'],
  'store-admin': ['store', 'certification', 'capabilities', 'federation', 'apiDocs'],
  admin: ['store', 'developer', 'sandbox', 'certification', 'capabilities', 'edgeMap', 'federation', 'admin', 'apiDocs'],
};

async function navAreas(page: import('@playwright/test').Page): Promise<string[]> {
  const links = page.getByTestId('main-nav').locator('[data-area]');
  return links.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-area') ?? ''));
}

test('an anonymous visitor sees the store and the API reference, and a sign-in button', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  expect(await navAreas(page)).toEqual(['store', 'apiDocs']);
  await page.goto('/edge-map');
  await expect(page.getByTestId('area-sign-in-required')).toBeVisible();
});

for (const role of ROLES) {
  test(`${role} signs in through the IdP form and sees the ${role} navigation`, async ({ page }) => {
    await signIn(page, role);
    await expect.poll(() => navAreas(page)).toEqual(AREAS_FOR[role]);
    await page.getByTestId('user-menu-button').click();
    await expect(page.getByTestId('user-username')).toContainText(role);
    await expect(page.getByTestId('user-tenant')).toContainText('Acme Mobile');
    await expect(page.getByTestId('user-roles').locator(`[data-role="${role}"]`)).toBeVisible();
    await page.keyboard.press('Escape');

    const allowed = AREAS_FOR[role].find((a) => !['store', 'apiDocs'].includes(a)) ?? 'store';
    const href = { store: '/store', developer: '/developer', certification: '/certification', capabilities: '/capabilities', edgeMap: '/edge-map', federation: '/federation', admin: '/admin' }[allowed]!;
    await page.getByTestId('main-nav').locator(`[data-area="${allowed}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByTestId('area-not-built')).toBeVisible();
    await expect(page.locator('h1')).toHaveCount(1);
  });
}

test('an operator opening the admin area is told which role it needs', async ({ page }) => {
  await signIn(page, 'operator', '/admin');
  await expect(page.getByTestId('area-forbidden')).toBeVisible();
  await expect(page.getByTestId('area-forbidden')).toHaveAttribute('data-needs-roles', 'admin');
});

test('a wrong password is refused on the login form', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sign-in-button').click();
  await page.getByLabel(/Username/).fill('operator');
  await page.getByLabel(/Password/).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).not.toHaveURL(/localhost:3100/);
});

test('sign-in survives a reload, and sign-out returns to an anonymous home', async ({ page }) => {
  await signIn(page, 'tester');
  await page.reload();
  await expect(page.getByTestId('user-menu-button')).toBeVisible();
  await page.getByTestId('user-menu-button').click();
  // Sign-out passes through the IdP's end-session endpoint and comes back to the portal's home.
  const leftForIdp = page.waitForURL((url) => url.origin === E2E.issuer);
  await page.getByTestId('sign-out-button').click();
  await leftForIdp;
  await page.waitForURL((url) => url.origin === E2E.portalUrl);
  await page.waitForLoadState('load');
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  expect(await navAreas(page)).toEqual(['store', 'apiDocs']);
});

test('the API reference lists the documented routes with their roles', async ({ page }) => {
  await page.goto('/api-docs');
  await expect(page.locator('[data-operation="get /api/v1/me"]')).toBeVisible();
  await expect(page.locator('[data-operation="get /api/v1/audit-events"]')).toBeVisible();
  await page.getByLabel('Filter operations').fill('audit');
  await expect(page.locator('[data-operation="get /api/v1/me"]')).toHaveCount(0);
});
