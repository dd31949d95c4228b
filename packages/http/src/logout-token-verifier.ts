/**
 * Verifies the logout tokens an IdP posts to the portal's back-channel logout endpoint
 * (OpenID Connect Back-Channel Logout 1.0, §2.6): signed by the issuer's published keys, `iss`
 * the issuer, `aud` the portal's client, `iat` present and recent, the back-channel logout event
 * present, no `nonce` (so an ID token cannot pass for one), and a `sid`: MECport refuses
 * tokens by session, so the client must be configured with "session required".
 */
import { AppError } from '@mecport/contracts';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { issuerKeys, type TIssuerKeys } from './issuer-keys';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface TLogoutTokenVerifierOptions {
  issuer: string;
  /** The portal's client id: the logout token's audience. */
  clientId: string;
  jwksUri?: string;
  keys?: () => Promise<TIssuerKeys>;
}

/** What a valid logout token says: this session of this issuer ended. */
export interface TEndedSession { issuer: string; sid: string; subject: string | null }

export type TLogoutTokenVerifier = (token: string) => Promise<TEndedSession>;

/** Tokens older than this are refused (with the IdP's clock allowed to differ by 60 s). */
const MAX_AGE = '10m';

function invalid(detail: string, cause?: unknown): AppError {
  return new AppError('bad-request', `Invalid logout token: ${detail}`, { cause });
}

function eventsOk(payload: JWTPayload): boolean {
  const events = payload.events;
  if (!events || typeof events !== 'object' || Array.isArray(events)) return false;
  const event = (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT];
  return !!event && typeof event === 'object' && !Array.isArray(event);
}

/**
 * @example
 *   const verify = createLogoutTokenVerifier({ issuer: 'http://localhost:3001', clientId: 'mecport-portal' });
 *   const { sid } = await verify(form.get('logout_token'));
 */
export function createLogoutTokenVerifier(options: TLogoutTokenVerifierOptions): TLogoutTokenVerifier {
  const keys = options.keys ?? issuerKeys(options.issuer, options.jwksUri);
  return async (token) => {
    const jwks = await keys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        audience: options.clientId,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        requiredClaims: ['iat', 'jti'],
        maxTokenAge: MAX_AGE,
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout) throw new AppError('unavailable', 'The identity provider did not answer in time', { cause: error });
      const reason = error instanceof joseErrors.JWTClaimValidationFailed ? `its ${error.claim} claim is not accepted` : 'its signature, issuer or form is not accepted';
      throw invalid(reason, error);
    }
    if (!eventsOk(payload)) throw invalid(`it has no ${BACKCHANNEL_LOGOUT_EVENT} event`);
    if ('nonce' in payload) throw invalid('it carries a nonce');
    if (typeof payload.sid !== 'string' || !payload.sid) throw invalid('it names no session (sid); configure the client with "backchannel logout session required"');
    return { issuer: options.issuer, sid: payload.sid, subject: typeof payload.sub === 'string' ? payload.sub : null };
  };
}
