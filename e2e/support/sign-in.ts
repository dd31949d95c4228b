/** Signs in through the dev IdP's real login form, as a person would. */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { expect, type Page } from '@playwright/test';
import { E2E } from './stack';

export async function signIn(page: Page, username: string, from = '/'): Promise<void> {
  await page.goto(from);
  await page.getByTestId('sign-in-button').click();
  await page.getByLabel(/Username/).fill(username);
  await page.getByLabel(/Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The callback page finishes the login and then reloads the page the user came from.
  await page.waitForURL((url) => url.origin === E2E.portalUrl && !url.pathname.startsWith('/auth/callback'));
  await page.waitForLoadState('load');
  await expect(page.getByTestId('user-menu-button')).toBeVisible();
}
