/**
 * The signing keys an OIDC issuer publishes (its JWKS), found through its discovery document
 * on first use and shared by every check of that issuer's JWTs (access tokens, logout tokens).
 */
import { AppError } from '@mecport/contracts';
import { createRemoteJWKSet } from 'jose';

export type TIssuerKeys = ReturnType<typeof createRemoteJWKSet>;

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

/**
 * A lazy getter of the issuer's key set. Only a successful discovery is kept, so a portal started
 * before its IdP recovers by itself.
 *
 * @example const keys = issuerKeys('http://localhost:3001'); await jwtVerify(token, await keys(), { issuer });
 */
export function issuerKeys(issuer: string, jwksUri?: string): () => Promise<TIssuerKeys> {
  let jwks: TIssuerKeys | undefined;
  return async () => {
    jwks ??= createRemoteJWKSet(new URL(jwksUri ?? (await discoverJwksUri(issuer))), { timeoutDuration: 5000 });
    return jwks;
  };
}
