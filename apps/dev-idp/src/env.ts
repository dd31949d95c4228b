/**
 * Configuration of the dev IdP, validated once. Every other module receives plain values, so
 * tests can start the provider with their own settings and never touch `process.env`.
 */
import { presentEnv } from '@mecport/contracts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { TLockoutPolicy } from './login-throttle';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const ZDevIdpEnv = z.object({
  DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Loopback by default: this IdP accepts a published password. Set 0.0.0.0 in a container. */
  DEV_IDP_HOST: z.string().min(1).default('127.0.0.1'),
  DEV_IDP_ISSUER: z.url().optional(),
  PORTAL_URL: z.url().default('http://localhost:3000'),
  OIDC_AUDIENCE: z.string().min(1).default('mecport-api'),
  /** Access token lifetime; keycloak-js renews it with the refresh token before it ends. */
  DEV_IDP_TOKEN_TTL_SECONDS: z.coerce.number().int().min(20).max(7 * 24 * 3600).default(300),
  /** Browser session and refresh token lifetime (Keycloak's SSO session idle). */
  DEV_IDP_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(8 * 3600),
  /** Brute-force protection: failures in a row that lock a username, and a client address. */
  DEV_IDP_LOCKOUT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  DEV_IDP_LOCKOUT_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(100_000).default(20),
  /** How long a lock lasts. */
  DEV_IDP_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  /** Signing keys persist in `<data dir>/dev-idp/jwks.json`; a relative path is taken from the repository root. */
  MECPORT_DATA_DIR: z.string().min(1).default('.data'),
});

export interface TDevIdpEnv {
  port: number;
  host: string;
  issuer: string;
  portalUrl: string;
  audience: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  lockout: TLockoutPolicy;
  jwksFile: string;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TDevIdpEnv {
  const env = ZDevIdpEnv.parse(presentEnv(source));
  return {
    port: env.DEV_IDP_PORT,
    host: env.DEV_IDP_HOST,
    issuer: (env.DEV_IDP_ISSUER ?? `http://localhost:${env.DEV_IDP_PORT}`).replace(/\/+$/, ''),
    portalUrl: env.PORTAL_URL.replace(/\/+$/, ''),
    audience: env.OIDC_AUDIENCE,
    accessTokenTtlSeconds: env.DEV_IDP_TOKEN_TTL_SECONDS,
    sessionTtlSeconds: env.DEV_IDP_SESSION_TTL_SECONDS,
    lockout: { maxFailures: env.DEV_IDP_LOCKOUT_FAILURES, maxAddressFailures: env.DEV_IDP_LOCKOUT_ADDRESS_FAILURES, lockSeconds: env.DEV_IDP_LOCKOUT_SECONDS },
    jwksFile: path.join(path.resolve(repoRoot, env.MECPORT_DATA_DIR), 'dev-idp', 'jwks.json'),
  };
}
