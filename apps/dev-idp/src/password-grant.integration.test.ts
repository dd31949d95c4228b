import { DEMO_PASSWORD, DEMO_USERS } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIdp, type TDevIdp } from './provider';
import { passwordGrant, verifyAccessToken } from './testing/tokens';

let idp: TDevIdp;
let issuer: string;

beforeAll(async () => {
  idp = createDevIdp({ portalUrl: 'http://localhost:3000', audience: 'mecport-api', accessTokenTtlSeconds: 600 });
  issuer = await idp.listen(0);
});
afterAll(() => idp.close());

describe('password grant (client mecport-cli)', () => {
  it('gives operator a JWT access token with Keycloak-shaped claims', async () => {
    const { status, body } = await passwordGrant(issuer, { username: 'operator', password: DEMO_PASSWORD });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect(typeof body.refresh_token).toBe('string');

    const { payload, header } = await verifyAccessToken(issuer, String(body.access_token));
    const operator = DEMO_USERS.find((u) => u.username === 'operator')!;
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: issuer,
      aud: 'mecport-api',
      sub: operator.subject,
      azp: 'mecport-cli',
      preferred_username: 'operator',
      name: operator.name,
      email: operator.email,
      tenant: 'acme-mobile',
      realm_access: { roles: ['operator'] },
      resource_access: { 'mecport-portal': { roles: ['operator'] } },
    });
    expect(payload.exp! - payload.iat!).toBe(600);
  });

  it('serves every demo user with their own tenant and roles', async () => {
    const user = DEMO_USERS.find((u) => u.username === 'globex-store-admin')!;
    const { body } = await passwordGrant(issuer, { username: user.username, password: DEMO_PASSWORD, scope: 'openid' });
    const { payload } = await verifyAccessToken(issuer, String(body.access_token));
    expect(payload).toMatchObject({ sub: user.subject, tenant: 'globex-telecom', realm_access: { roles: ['store-admin'] } });
  });

  it('answers invalid_grant to a wrong password', async () => {
    const { status, body } = await passwordGrant(issuer, { username: 'operator', password: 'wrong' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('answers invalid_grant to an unknown user', async () => {
    const { status, body } = await passwordGrant(issuer, { username: 'nobody', password: DEMO_PASSWORD });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('answers invalid_request when the password is missing', async () => {
    const { status, body } = await passwordGrant(issuer, { username: 'operator' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('refuses the password grant to the portal client', async () => {
    const { status, body } = await passwordGrant(issuer, { client_id: 'mecport-portal', username: 'operator', password: DEMO_PASSWORD });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });
});
