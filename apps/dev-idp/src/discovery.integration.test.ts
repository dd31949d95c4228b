import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIdp, type TDevIdp } from './provider';

let idp: TDevIdp;
let issuer: string;

beforeAll(async () => {
  idp = createDevIdp({ portalUrl: 'http://localhost:3000' });
  issuer = await idp.listen(0);
});
afterAll(() => idp.close());

describe('discovery', () => {
  it('publishes the endpoints keycloak-js and the portal use', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      end_session_endpoint: `${issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'password']));
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'roles']));
  });

  it('publishes only public RS256 signing keys', async () => {
    const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });
});
