/**
 * Verifies OIDC access tokens (JWT) against the issuer's published keys (jose), and turns their
 * Keycloak-shaped claims into a user principal. Works the same for the dev IdP and a Keycloak realm.
 * A token that passed is remembered by its exact text until its expiry (60 s at most,
 * ./verified-tokens), so a caller's next requests skip the signature check; whether its session
 * ended is asked on every call.
 */
import { AppError, ROLES, type TRole } from '@mecport/contracts';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { issuerKeys, type TIssuerKeys } from './issuer-keys';
import { VerifiedTokens, type TVerifiedTokensOptions } from './verified-tokens';

export interface TUserPrincipal {
  kind: 'user';
  subject: string;
  username: string;
  name: string;
  email: string | null;
  /** Tenant slug from the configured claim; null when the IdP sent none. */
  tenant: string | null;
  roles: TRole[];
  /** The IdP session the token belongs to (`sid`); null when the token names none (password grant). */
  sessionId: string | null;
}

export interface TTokenVerifierOptions {
  issuer: string;
  /** Expected `aud`; Keycloak needs an audience mapper for this (deploy/keycloak/realm.json has one). */
  audience: string;
  tenantClaim: string;
  /** Overrides discovery, e.g. for tests. */
  jwksUri?: string;
  /** The issuer's keys, when another verifier of the same issuer already has them. */
  keys?: () => Promise<TIssuerKeys>;
  /**
   * True when the IdP said the session ended (back-channel logout): its tokens are refused with
   * 401 although their signature and expiry are fine. Called for every token that has a `sid`.
   */
  isSessionEnded?: (sid: string) => Promise<boolean>;
  /** How tokens that passed the check are remembered (./verified-tokens: never past `exp`, 60 s at most). */
  verifiedTokens?: TVerifiedTokensOptions;
  /** The clock of the expiry checks, in ms (tests). */
  now?: () => number;
}

export type TTokenVerifier = (token: string) => Promise<TUserPrincipal>;

const KNOWN_ROLES = new Set<string>(ROLES);

export function principalFromClaims(payload: JWTPayload, tenantClaim: string): TUserPrincipal {
  const claims = payload as Record<string, unknown>;
  const realmRoles = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const roles = Array.isArray(realmRoles) ? realmRoles.filter((r): r is TRole => typeof r === 'string' && KNOWN_ROLES.has(r)) : [];
  const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  const subject = text(payload.sub);
  if (!subject) throw new AppError('unauthenticated', 'The access token has no subject (sub) claim');
  const username = text(claims.preferred_username) ?? subject;
  return { kind: 'user', subject, username, name: text(claims.name) ?? username, email: text(claims.email), tenant: text(claims[tenantClaim]), roles, sessionId: text(claims.sid) };
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the access token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the access token was signed with an unknown key';
  return 'the access token is malformed or not a JWT';
}

export const SIGNED_OUT_DETAIL = 'Sign in again: this session was signed out';

export function createTokenVerifier(options: TTokenVerifierOptions): TTokenVerifier {
  const keys = options.keys ?? issuerKeys(options.issuer, options.jwksUri);
  const now = options.now ?? Date.now;
  const remembered = new VerifiedTokens<TUserPrincipal>(options.verifiedTokens);

  async function check(token: string, nowMs: number): Promise<TUserPrincipal> {
    const jwks = await keys();
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: options.issuer, audience: options.audience, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'], currentDate: new Date(nowMs) });
      return remembered.set(token, principalFromClaims(payload, options.tenantClaim), payload.exp, nowMs);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JWKSTimeout) throw new AppError('unavailable', 'The identity provider did not answer in time', { cause: error });
      throw new AppError('unauthenticated', `Sign in again: ${reasonOf(error)}`, { cause: error });
    }
  }

  return async (token) => {
    const nowMs = now();
    const verified = remembered.get(token, nowMs) ?? (await check(token, nowMs));
    if (verified.sessionId && options.isSessionEnded && (await options.isSessionEnded(verified.sessionId))) {
      throw new AppError('unauthenticated', SIGNED_OUT_DETAIL);
    }
    // A copy: callers own what they get, and the remembered principal stays as verified.
    return { ...verified, roles: [...verified.roles] };
  };
}

/** Reads `Authorization: Bearer <token>`; a missing or malformed header is a 401. */
export function bearerTokenOf(request: Request): string {
  const header = request.headers.get('authorization');
  if (!header) throw new AppError('unauthenticated', 'Send an access token: Authorization: Bearer <token>');
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>"');
  return match[1]!;
}
