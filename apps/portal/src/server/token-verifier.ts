/**
 * The user-token check the UI's server needs for page statuses (`page-access.ts`): the same
 * verifier the API uses (`@mecport/http`), against the same issuer, refusing ended IdP sessions.
 * Built once per process, on first use (so `next build` needs no runtime configuration).
 */
import { EndedSessions } from '@mecport/core';
import { getPrisma } from '@mecport/db';
import { createTokenVerifier, issuerKeys, type TTokenVerifier } from '@mecport/http';
import { portalEnv } from '@/env';

let verifier: TTokenVerifier | undefined;

export function tokenVerifier(): TTokenVerifier {
  if (verifier) return verifier;
  const env = portalEnv();
  const ended = new EndedSessions(getPrisma, { issuer: env.OIDC_ISSUER });
  verifier = createTokenVerifier({
    issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, tenantClaim: env.OIDC_TENANT_CLAIM, keys: issuerKeys(env.OIDC_ISSUER),
    isSessionEnded: (sid) => ended.has(sid),
  });
  return verifier;
}
