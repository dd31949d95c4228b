/**
 * The portal's API instance: the one place where the token verifier, the actor resolution and
 * the logger are wired. Routes are declared with `api.route(...)` in `./routes/`.
 */
import { resolveActor, verifyAgentToken, type TActor } from '@mecport/core';
import { getPrisma } from '@mecport/db';
import { createApi, createTokenVerifier, type TTokenVerifier } from '@mecport/http';
import { portalEnv } from '@/env';
import { channelReads } from './edge-options';
import { log } from './logger';

let verifier: TTokenVerifier | undefined;

export const api = createApi<TActor>({
  log,
  tokenVerifier: () => {
    const env = portalEnv();
    verifier ??= createTokenVerifier({ issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, tenantClaim: env.OIDC_TENANT_CLAIM });
    return verifier;
  },
  resolveActor: (principal) => resolveActor(getPrisma(), principal),
  agentVerifier: () => (token) => verifyAgentToken(getPrisma(), token, (kid) => channelReads().credentials.load(kid)),
});
