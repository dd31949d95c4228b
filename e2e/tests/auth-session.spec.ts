/**
 * Issue 10, item 2: signing out ends the access token too (back-channel logout from the dev IdP to
 * the portal), and the browser keeps a session alive with the refresh token (keycloak-js
 * updateToken) instead of holding one long token.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';

interface TStored { token: string; refreshToken?: string; idToken?: string; expiresAt: number }

async function storedSession(page: Page): Promise<TStored> {
  const raw = await page.evaluate(() => window.sessionStorage.getItem('mecport.session'));
  expect(raw, 'the signed-in tab keeps its session').toBeTruthy();
  return JSON.parse(raw!) as TStored;
}

async function statusOf(request: APIRequestContext, path: string, token: string): Promise<number> {
  return (await request.get(path, { headers: { authorization: `Bearer ${token}` }, failOnStatusCode: false })).status();
}

test('after sign-out the token taken from the browser is refused with 401 within seconds', async ({ page, request }) => {
  await signIn(page, 'operator');
  const { token, refreshToken } = await storedSession(page);
  expect(refreshToken, 'the browser holds a refresh token').toBeTruthy();
  expect(await statusOf(request, '/api/v1/me', token)).toBe(200);
  expect(await statusOf(request, '/api/v1/edge/nodes', token)).toBe(200);

  await page.getByTestId('user-menu-button').click();
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-in-button')).toBeVisible();

  // Generous bound for a busy machine; the portal sees the logout at once, other replicas within 2 s.
  await expect.poll(() => statusOf(request, '/api/v1/me', token), { timeout: 30_000, intervals: [250, 500, 1000] }).toBe(401);
  const refused = await request.get('/api/v1/edge/nodes', { headers: { authorization: `Bearer ${token}` }, failOnStatusCode: false });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toContain('application/problem+json');
  expect(((await refused.json()) as { detail?: string }).detail).toContain('signed out');
});

test('a reload after the access token expired renews it with the refresh token', async ({ page, request }) => {
  await signIn(page, 'developer');
  const before = await storedSession(page);
  // As if the tab had been left for longer than the token lives.
  await page.evaluate((s) => window.sessionStorage.setItem('mecport.session', JSON.stringify({ ...s, expiresAt: Date.now() - 1000 })), before);
  await page.reload();
  await expect(page.getByTestId('user-menu-button')).toBeVisible();
  const after = await storedSession(page);
  expect(after.token).not.toBe(before.token);
  expect(after.expiresAt).toBeGreaterThan(Date.now());
  expect(await statusOf(request, '/api/v1/me', after.token)).toBe(200);
});

test('when the API answers 401 the browser renews its token once and retries', async ({ page }) => {
  await signIn(page, 'tester');
  const before = await storedSession(page);
  // A token the API refuses, though the tab thinks it is fresh: the profile request gets 401.
  await page.evaluate((s) => window.sessionStorage.setItem('mecport.session', JSON.stringify({ ...s, token: `${s.token.slice(0, -4)}AAAA` })), before);
  await page.reload();
  await expect(page.getByTestId('user-menu-button')).toBeVisible();
  const after = await storedSession(page);
  expect(after.token).not.toBe(before.token);
});
