/**
 * A browser session's tokens from sign-in to sign-out, as keycloak-js sees them: short access
 * tokens naming the session (`sid`), a refresh token that renews them, and on sign-out a signed
 * logout token posted to the portal's back-channel logout URI, after which refreshing fails.
 */
import { DEMO_PASSWORD } from '@mecport/contracts';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_PATH } from './clients';
import { createDevIdp, type TDevIdp } from './provider';
import { TestBrowser, formAction, inputValue, pkcePair } from './testing/browser';
import { startPortalListener, type TPortalListener } from './testing/portal-listener';
import { passwordGrant, verifyAccessToken } from './testing/tokens';

let portal: TPortalListener;
let idp: TDevIdp;
let issuer: string;

beforeAll(async () => {
  portal = await startPortalListener();
  idp = createDevIdp({ portalUrl: portal.url, accessTokenTtlSeconds: 300 });
  issuer = await idp.listen(0);
});
afterAll(async () => {
  await idp.close();
  await portal.close();
});

/** Signs `username` in through the form and exchanges the code, as keycloak-js does. */
async function browserSignIn(browser: TestBrowser, username: string) {
  const redirectUri = `${portal.url}/auth/callback`;
  const { verifier, challenge } = pkcePair();
  const authUrl = `${issuer}/auth?${new URLSearchParams({ client_id: 'mecport-portal', response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256' })}`;
  const page = await browser.follow(await browser.request(authUrl), authUrl, redirectUri);
  const html = await page.response.text();
  const posted = await browser.request(new URL(formAction(html)!, page.url).href, { form: { username, password: DEMO_PASSWORD } });
  const { url: callback } = await browser.follow(posted, page.url, redirectUri);
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'mecport-portal', code: new URL(callback).searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: verifier }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; id_token: string; expires_in: number };
}

async function refresh(clientId: string, refreshToken: string) {
  const res = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What keycloak-js's logout() and the auto-submitting page do. */
async function browserSignOut(browser: TestBrowser, idToken: string) {
  const logoutUrl = `${issuer}/session/end?${new URLSearchParams({ client_id: 'mecport-portal', post_logout_redirect_uri: `${portal.url}/`, id_token_hint: idToken })}`;
  const html = await (await browser.request(logoutUrl)).text();
  const confirmed = await browser.request(new URL(formAction(html)!, logoutUrl).href, { form: { xsrf: inputValue(html, 'xsrf')!, logout: 'yes' } });
  expect(confirmed.status).toBe(303);
}

describe('browser session tokens', () => {
  it('issues a short access token with the session id and a refresh token keycloak-js can decode', async () => {
    const tokens = await browserSignIn(new TestBrowser(), 'operator');
    expect(tokens.expires_in).toBe(300);
    const { payload } = await verifyAccessToken(issuer, tokens.access_token);
    expect(typeof payload.sid).toBe('string');
    // keycloak-js decodes the refresh token's middle part as JSON (refreshTokenParsed).
    expect(decodeJwt(tokens.refresh_token)).toMatchObject({ typ: 'Refresh', iss: issuer, azp: 'mecport-portal' });
  });

  it('renews the access token with the refresh token, same user and session', async () => {
    const tokens = await browserSignIn(new TestBrowser(), 'developer');
    const first = (await verifyAccessToken(issuer, tokens.access_token)).payload;
    const { status, body } = await refresh('mecport-portal', tokens.refresh_token);
    expect(status).toBe(200);
    expect(body.access_token).not.toBe(tokens.access_token);
    const renewed = (await verifyAccessToken(issuer, String(body.access_token))).payload;
    expect(renewed).toMatchObject({ sub: first.sub, sid: first.sid, preferred_username: 'developer', azp: 'mecport-portal', realm_access: { roles: ['developer'] } });
    expect(renewed.jti).not.toBe(first.jti);
  });

  it('posts a signed logout token naming the session to the portal on sign-out, and the refresh token stops working', async () => {
    const browser = new TestBrowser();
    const tokens = await browserSignIn(browser, 'admin');
    const sid = (await verifyAccessToken(issuer, tokens.access_token)).payload.sid;
    const before = portal.logoutTokens.length;

    await browserSignOut(browser, tokens.id_token);

    expect(portal.logoutTokens.length).toBe(before + 1);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload } = await jwtVerify(portal.logoutTokens.at(-1)!, jwks, { issuer, audience: 'mecport-portal' });
    expect(payload).toMatchObject({ sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    expect(payload).not.toHaveProperty('nonce');
    expect(BACKCHANNEL_LOGOUT_PATH).toBe('/api/v1/auth/backchannel-logout');

    const { status, body } = await refresh('mecport-portal', tokens.refresh_token);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });
});

describe('password grant tokens', () => {
  it('comes with a refresh token that renews the access token', async () => {
    const { body } = await passwordGrant(issuer, { username: 'operator', password: DEMO_PASSWORD, scope: 'openid' });
    expect(typeof body.refresh_token).toBe('string');
    const { status, body: renewed } = await refresh('mecport-cli', String(body.refresh_token));
    expect(status).toBe(200);
    const { payload } = await verifyAccessToken(issuer, String(renewed.access_token));
    expect(payload).toMatchObject({ preferred_username: 'operator', azp: 'mecport-cli', tenant: 'acme-mobile' });
  });

  it('refuses another client\'s refresh token', async () => {
    const { body } = await passwordGrant(issuer, { username: 'operator', password: DEMO_PASSWORD });
    const { status, body: refused } = await refresh('mecport-portal', String(body.refresh_token));
    expect(status).toBe(400);
    expect(refused.error).toBe('invalid_grant');
  });
});
