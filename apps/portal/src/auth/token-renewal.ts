/**
 * Renewing the access token with the refresh token, through keycloak-js's `updateToken` (as every
 * keycloak-js app does). keycloak-js keeps its tokens in memory only; after a reload it is given
 * the stored ones (`init({ token, refreshToken, idToken })`, which renews at once).
 *
 * The outcome says what to do next: `renewed` (use the new session), `ended` (the IdP refused the
 * refresh token: the session is over, sign out) or `unavailable` (the IdP did not answer: keep the
 * current token while it lasts and try again).
 */
import type { TPublicAuthConfig } from '@/server/public-config';
import { initKeycloak } from './keycloak-client';
import { sessionFromTokens, type TStoredSession } from './session';

export type TRenewal = { kind: 'renewed'; session: TStoredSession } | { kind: 'ended' } | { kind: 'unavailable' };

/** Seconds of validity keycloak-js must see left, or it refreshes. */
const MIN_VALIDITY_S = 70;

/** keycloak-js rejects with a NetworkError carrying the response; 400 is the IdP's invalid_grant. */
function refusedByIdp(error: unknown): boolean {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return status === 400 || status === 401;
}

/**
 * @param force renew even when the token looks fresh (the API just answered 401).
 * @example const outcome = await renewSession(config, session, false);
 */
export async function renewSession(config: TPublicAuthConfig, session: TStoredSession, force: boolean): Promise<TRenewal> {
  if (!session.refreshToken) return { kind: 'ended' };
  try {
    const kc = await initKeycloak(config, { token: session.token, refreshToken: session.refreshToken, idToken: session.idToken });
    await kc.updateToken(force ? -1 : MIN_VALIDITY_S);
    const renewed = kc.token ? sessionFromTokens(kc.token, kc.idToken, kc.refreshToken) : null;
    return renewed ? { kind: 'renewed', session: renewed } : { kind: 'ended' };
  } catch (error) {
    return refusedByIdp(error) ? { kind: 'ended' } : { kind: 'unavailable' };
  }
}
