/**
 * The API instance: the one place where the token verifier, the actor resolution and
 * the logger are wired into the route declarations. Routes are declared with `api.route(...)` in
 * `./routes/`; the services they use come from `./services`.
 */
import { resolveActor, verifyAgentToken, type TActor } from '@mecport/core';
import { createApi } from '@mecport/http';
import { log } from './logger';
import { channelReads, prisma, recentProfiles, tokenVerifier } from './services';

export const api = createApi<TActor>({
  log,
  tokenVerifier,
  resolveActor: (principal) => resolveActor(prisma(), principal, recentProfiles()),
  agentVerifier: () => (token) => verifyAgentToken(prisma(), token, (kid) => channelReads().credentials.load(kid)),
});
