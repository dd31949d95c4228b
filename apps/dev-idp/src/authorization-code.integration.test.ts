/**
 * The browser flow keycloak-js runs, walked with fetch and a cookie jar: /auth -> the sign-in
 * form -> POST credentials -> redirects -> code at the portal's callback -> /token; then the
 * logout keycloak-js performs, which must come straight back to the portal.
 */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIdp, type TDevIdp } from './provider';
import { TestBrowser, formAction, inputValue, pkcePair } from './testing/browser';
import { verifyAccessToken } from './testing/tokens';

const PORTAL = 'http://localhost:3000';
const REDIRECT_URI = `${PORTAL}/auth/callback`;

let idp: TDevIdp;
let issuer: string;

beforeAll(async () => {
  idp = createDevIdp({ portalUrl: PORTAL });
  issuer = await idp.listen(0);
});
afterAll(() => idp.close());

/** Starts an authorization request and returns the sign-in page it lands on. */
async function openSignIn(browser: TestBrowser, challenge: string) {
  const authUrl = `${issuer}/auth?${new URLSearchParams({
    client_id: 'mecport-portal', response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid',
    state: 'state-1', nonce: 'nonce-1', code_challenge: challenge, code_challenge_method: 'S256',
  })}`;
  const { response, url } = await browser.follow(await browser.request(authUrl), authUrl, REDIRECT_URI);
  return { response, url, html: await response.text() };
}

async function signIn(browser: TestBrowser, page: { url: string; html: string }, username: string, password: string) {
  const action = new URL(formAction(page.html)!, page.url).href;
  return browser.request(action, { form: { username, password } });
}

async function exchangeCode(code: string, verifier: string) {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { origin: PORTAL },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'mecport-portal', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('authorization code + PKCE through the sign-in form', () => {
  it('signs operator in and issues the same claims as the password grant', async () => {
    const browser = new TestBrowser();
    const { verifier, challenge } = pkcePair();
    const page = await openSignIn(browser, challenge);
    expect(page.response.status).toBe(200);
    expect(page.url).toMatch(new RegExp(`^${issuer}/interaction/`));
    expect(page.html).toContain('MECport dev sign-in');

    const posted = await signIn(browser, page, 'operator', DEMO_PASSWORD);
    expect(posted.status).toBe(303);
    const { url: callback } = await browser.follow(posted, page.url, REDIRECT_URI);
    const params = new URL(callback).searchParams;
    expect(params.get('state')).toBe('state-1');
    expect(params.get('iss')).toBe(issuer);
    const code = params.get('code');
    expect(code).toBeTruthy();

    const { res, body } = await exchangeCode(code!, verifier);
    expect(res.status).toBe(200);
    // keycloak-js fetches with credentials: 'include'; both CORS headers must be there.
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(body).toMatchObject({ token_type: 'Bearer' });
    expect(typeof body.refresh_token).toBe('string');
    expect(typeof body.id_token).toBe('string');

    const { payload } = await verifyAccessToken(issuer, String(body.access_token));
    expect(payload).toMatchObject({
      iss: issuer,
      aud: 'mecport-api',
      azp: 'mecport-portal',
      preferred_username: 'operator',
      tenant: 'acme-mobile',
      realm_access: { roles: ['operator'] },
      resource_access: { 'mecport-portal': { roles: ['operator'] } },
    });
  });

  it('refuses a code exchange with the wrong PKCE verifier', async () => {
    const browser = new TestBrowser();
    const { challenge } = pkcePair();
    const page = await openSignIn(browser, challenge);
    const { url: callback } = await browser.follow(await signIn(browser, page, 'developer', DEMO_PASSWORD), page.url, REDIRECT_URI);
    const { res, body } = await exchangeCode(new URL(callback).searchParams.get('code')!, pkcePair().verifier);
    expect(res.status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('shows the error on the form for a wrong password and lets the user retry', async () => {
    const browser = new TestBrowser();
    const { challenge } = pkcePair();
    const page = await openSignIn(browser, challenge);

    const failed = await signIn(browser, page, 'operator', 'not-the-password');
    expect(failed.status).toBe(401);
    const html = await failed.text();
    expect(html).toMatch(/role="alert"[^>]*>[^<]*Invalid username or password/);
    expect(inputValue(html, 'username')).toBe('operator');

    const retried = await signIn(browser, { url: page.url, html }, 'operator', DEMO_PASSWORD);
    const { url: callback } = await browser.follow(retried, page.url, REDIRECT_URI);
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();
  });

  it('logs out without a confirmation click and returns to the portal', async () => {
    const browser = new TestBrowser();
    const { verifier, challenge } = pkcePair();
    const page = await openSignIn(browser, challenge);
    const { url: callback } = await browser.follow(await signIn(browser, page, 'admin', DEMO_PASSWORD), page.url, REDIRECT_URI);
    const { body } = await exchangeCode(new URL(callback).searchParams.get('code')!, verifier);

    // What keycloak-js's logout() does (GET, logoutMethod default).
    const logoutUrl = `${issuer}/session/end?${new URLSearchParams({ client_id: 'mecport-portal', post_logout_redirect_uri: `${PORTAL}/`, id_token_hint: String(body.id_token) })}`;
    const logoutPage = await browser.request(logoutUrl);
    expect(logoutPage.status).toBe(200);
    const html = await logoutPage.text();
    expect(html).toContain("getElementById('op.logoutForm').submit()");
    expect(inputValue(html, 'logout')).toBe('yes');
    expect(html).not.toContain('fonts.googleapis.com');

    // What the page's script submits.
    const confirmed = await browser.request(new URL(formAction(html)!, logoutUrl).href, { form: { xsrf: inputValue(html, 'xsrf')!, logout: 'yes' } });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${PORTAL}/`);

    // The IdP session is gone: a new authorization request asks for credentials again.
    const again = await openSignIn(browser, pkcePair().challenge);
    expect(again.html).toContain('name="password"');
  });
});
