import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_EVENT, createLogoutTokenVerifier } from './logout-token-verifier';
import { startLocalIssuer, type TLocalIssuer } from './test-support/local-issuer';
import { createTokenVerifier, SIGNED_OUT_DETAIL } from './token-verifier';

let idp: TLocalIssuer;
let other: TLocalIssuer;
beforeAll(async () => {
  [idp, other] = await Promise.all([startLocalIssuer(), startLocalIssuer()]);
});
afterAll(async () => {
  await Promise.all([idp.close(), other.close()]);
});

const events = { [BACKCHANNEL_LOGOUT_EVENT]: {} };
const logoutClaims = { sid: 'session-1', sub: 'user-1', jti: 'jti-1', events };

describe('createLogoutTokenVerifier', () => {
  const verify = () => createLogoutTokenVerifier({ issuer: idp.issuer, clientId: 'mecport-portal' });

  it('accepts a logout token of the issuer for the portal and says which session ended', async () => {
    const token = await idp.sign(logoutClaims, { audience: 'mecport-portal' });
    await expect(verify()(token)).resolves.toEqual({ issuer: idp.issuer, sid: 'session-1', subject: 'user-1' });
  });

  it.each([
    ['another audience (an access token\'s)', { ...logoutClaims }, { audience: 'mecport-api' }],
    ['no back-channel logout event', { sid: 's', jti: 'j' }, {}],
    ['an events claim of the wrong shape', { sid: 's', jti: 'j', events: { [BACKCHANNEL_LOGOUT_EVENT]: true } }, {}],
    ['a nonce (an ID token)', { ...logoutClaims, nonce: 'n' }, {}],
    ['no sid', { sub: 'user-1', jti: 'j', events }, {}],
    ['no jti', { sid: 's', events }, {}],
  ])('refuses a token with %s as 400', async (_label, claims, options) => {
    const token = await idp.sign(claims, { audience: 'mecport-portal', ...options });
    await expect(verify()(token)).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('refuses a token signed by another issuer\'s key, and garbage', async () => {
    const forged = await other.sign(logoutClaims, { audience: 'mecport-portal' });
    const [, payload] = forged.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'test-key' })).toString('base64url');
    await expect(verify()(`${header}.${payload}.${forged.split('.')[2]}`)).rejects.toMatchObject({ code: 'bad-request' });
    await expect(verify()('not-a-jwt')).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('createTokenVerifier with ended sessions', () => {
  const ended = new Set(['ended-session']);

  it('refuses a valid token whose session ended, with 401', async () => {
    const verifier = createTokenVerifier({ issuer: idp.issuer, audience: 'mecport-api', tenantClaim: 'tenant', isSessionEnded: (sid) => Promise.resolve(ended.has(sid)) });
    const live = await idp.sign({ sub: 'u', sid: 'live-session' });
    await expect(verifier(live)).resolves.toMatchObject({ subject: 'u', sessionId: 'live-session' });
    const signedOut = await idp.sign({ sub: 'u', sid: 'ended-session' });
    await expect(verifier(signedOut)).rejects.toMatchObject({ code: 'unauthenticated', message: SIGNED_OUT_DETAIL });
    // A token without a session (password grant) is not asked about.
    await expect(verifier(await idp.sign({ sub: 'u' }))).resolves.toMatchObject({ sessionId: null });
  });
});
