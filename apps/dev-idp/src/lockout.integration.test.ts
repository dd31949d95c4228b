/**
 * Brute-force protection on both ways to sign in: 20 wrong passwords lock the username, the right
 * password is then refused while the lock lasts (without saying whether the user exists), and
 * works once the short test lock has expired.
 */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { TLockoutPolicy } from './login-throttle';
import { LOCKED_DESCRIPTION } from './password-grant';
import { createDevIdp, type TDevIdp } from './provider';
import { TestBrowser, formAction, pkcePair } from './testing/browser';
import { passwordGrant } from './testing/tokens';

const PORTAL = 'http://localhost:3000';
const REDIRECT_URI = `${PORTAL}/auth/callback`;
const LOCKED_TEXT = 'signing in is temporarily locked';
const LOCK_SECONDS = 2;

let idp: TDevIdp | undefined;
afterEach(async () => {
  await idp?.close();
  idp = undefined;
});

async function startIdp(lockout: TLockoutPolicy): Promise<string> {
  idp = createDevIdp({ portalUrl: PORTAL, lockout });
  return idp.listen(0);
}

/** Polls `attempt` until it succeeds; the lock is short, the limit generous (busy machines). */
async function eventually(attempt: () => Promise<boolean>, limitMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await attempt()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** A sign-in form on a fresh authorization request; `submit` posts credentials to it. */
async function openForm(issuer: string) {
  const browser = new TestBrowser();
  const authUrl = `${issuer}/auth?${new URLSearchParams({ client_id: 'mecport-portal', response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })}`;
  const page = await browser.follow(await browser.request(authUrl), authUrl, REDIRECT_URI);
  const action = new URL(formAction(await page.response.text())!, page.url).href;
  return {
    submit: async (username: string, password: string) => {
      const res = await browser.request(action, { form: { username, password } });
      return { status: res.status, html: res.status === 303 ? '' : await res.text(), location: res.headers.get('location') };
    },
  };
}

describe('lockout on the sign-in form', () => {
  it('refuses the right password after 20 wrong ones until the lock expires', async () => {
    const issuer = await startIdp({ maxFailures: 5, maxAddressFailures: 1000, lockSeconds: LOCK_SECONDS });
    const form = await openForm(issuer);
    for (let i = 0; i < 20; i++) expect([401, 429]).toContain((await form.submit('operator', `wrong-${i}`)).status);

    const refused = await form.submit('operator', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.html).toContain(LOCKED_TEXT);

    // An unknown user locks with the same words: the page does not tell who exists.
    for (let i = 0; i < 5; i++) await form.submit('no-such-user', 'wrong');
    const unknown = await form.submit('no-such-user', 'wrong');
    expect(unknown.status).toBe(429);
    expect(unknown.html).toContain(LOCKED_TEXT);

    // Another user is not locked by operator's failures.
    expect((await (await openForm(issuer)).submit('developer', DEMO_PASSWORD)).status).toBe(303);

    expect(await eventually(async () => (await (await openForm(issuer)).submit('operator', DEMO_PASSWORD)).status === 303)).toBe(true);
  });

  it('locks the client address after its own limit, whatever usernames it tries', async () => {
    const issuer = await startIdp({ maxFailures: 1000, maxAddressFailures: 4, lockSeconds: LOCK_SECONDS });
    const form = await openForm(issuer);
    for (const name of ['a', 'b', 'c', 'd']) await form.submit(name, 'wrong');
    const refused = await form.submit('admin', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.html).toContain(LOCKED_TEXT);
    expect(await eventually(async () => (await (await openForm(issuer)).submit('admin', DEMO_PASSWORD)).status === 303)).toBe(true);
  });
});

describe('lockout on the password grant (client mecport-cli)', () => {
  it('refuses the right password after 20 wrong ones until the lock expires', async () => {
    const issuer = await startIdp({ maxFailures: 5, maxAddressFailures: 1000, lockSeconds: LOCK_SECONDS });
    for (let i = 0; i < 20; i++) expect((await passwordGrant(issuer, { username: 'operator', password: `wrong-${i}` })).status).toBe(400);

    const refused = await passwordGrant(issuer, { username: 'operator', password: DEMO_PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_description: LOCKED_DESCRIPTION });
    expect(refused.body).not.toHaveProperty('access_token');

    // The form and the grant share the lock.
    expect((await (await openForm(issuer)).submit('operator', DEMO_PASSWORD)).status).toBe(429);

    expect(await eventually(async () => (await passwordGrant(issuer, { username: 'operator', password: DEMO_PASSWORD })).status === 200)).toBe(true);
  });
});
