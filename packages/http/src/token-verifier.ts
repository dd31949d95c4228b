/**
 * Verifies OIDC access tokens (JWT) against the issuer's published keys (jose), and turns their
 * Keycloak-shaped claims into a user principal. Works the same for the dev IdP and a Keycloak realm.
 */
import { AppError, ROLES, type TRole } from '@mecport/contracts';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

export interface TUserPrincipal {
  kind: 'user';
  subject: string;
  username: string;
  name: string;
  email: string | null;
  /** Tenant slug from the configured claim; null when the IdP sent none. */
  tenant: string | null;
  roles: TRole[];
}

export interface TTokenVerifierOptions {
  issuer: string;
  /** Expected `aud`; Keycloak needs an audience mapper for this (deploy/keycloak/realm.json has one). */
  audience: string;
  tenantClaim: string;
  /** Overrides discovery, e.g. for tests. */
  jwksUri?: string;
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
  return { kind: 'user', subject, username, name: text(claims.name) ?? username, email: text(claims.email), tenant: text(claims[tenantClaim]), roles };
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (cause) {
    throw new AppError('unavailable', `The identity provider at ${issuer} is not reachable`, { cause });
  }
  if (!response.ok) throw new AppError('unavailable', `The identity provider's discovery document answered ${response.status}`);
  const meta = (await response.json()) as { jwks_uri?: string };
  if (!meta.jwks_uri) throw new AppError('unavailable', 'The identity provider publishes no jwks_uri');
  return meta.jwks_uri;
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the access token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the access token was signed with an unknown key';
  return 'the access token is malformed or not a JWT';
}

export function createTokenVerifier(options: TTokenVerifierOptions): TTokenVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token) => {
    if (!jwks) {
      // Only cache a successful discovery, so a portal started before its IdP recovers by itself.
      jwks = createRemoteJWKSet(new URL(options.jwksUri ?? (await discoverJwksUri(options.issuer))), { timeoutDuration: 5000 });
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: options.issuer, audience: options.audience, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] });
      return principalFromClaims(payload, options.tenantClaim);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JWKSTimeout) throw new AppError('unavailable', 'The identity provider did not answer in time', { cause: error });
      throw new AppError('unauthenticated', `Sign in again: ${reasonOf(error)}`, { cause: error });
    }
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
