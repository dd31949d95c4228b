import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('env', () => {
  it('has defaults for local use', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ port: 3001, host: '127.0.0.1', issuer: 'http://localhost:3001', portalUrl: 'http://localhost:3000', audience: 'mecport-api', accessTokenTtlSeconds: 300, sessionTtlSeconds: 8 * 3600, lockout: { maxFailures: 5, maxAddressFailures: 20, lockSeconds: 60 } });
    expect(env.jwksFile.endsWith(path.join('.data', 'dev-idp', 'jwks.json'))).toBe(true);
    expect(path.isAbsolute(env.jwksFile)).toBe(true);
  });

  it('derives the issuer from the port and trims trailing slashes', () => {
    expect(loadEnv({ DEV_IDP_PORT: '4001' }).issuer).toBe('http://localhost:4001');
    expect(loadEnv({ DEV_IDP_ISSUER: 'https://idp.example/', PORTAL_URL: 'https://portal.example/' })).toMatchObject({ issuer: 'https://idp.example', portalUrl: 'https://portal.example' });
    expect(loadEnv({ MECPORT_DATA_DIR: '/var/lib/mecport' }).jwksFile).toBe('/var/lib/mecport/dev-idp/jwks.json');
  });

  it('rejects nonsense', () => {
    expect(() => loadEnv({ DEV_IDP_PORT: 'abc' })).toThrow();
    expect(() => loadEnv({ PORTAL_URL: 'not a url' })).toThrow();
    expect(() => loadEnv({ DEV_IDP_TOKEN_TTL_SECONDS: '5' })).toThrow();
    expect(() => loadEnv({ DEV_IDP_LOCKOUT_FAILURES: '0' })).toThrow();
  });
});
