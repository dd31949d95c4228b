/**
 * Refresh tokens as Keycloak gives them: to the portal (authorization code) and the CLI
 * (password grant), without `offline_access`, ending with the IdP session for the browser.
 *
 * keycloak-js decodes every token it receives (`refreshTokenParsed`), and oidc-provider's refresh
 * tokens are opaque random strings, which it cannot decode. So the dev IdP's refresh token
 * values have a JWT's shape, `<header>.<payload>.<random>`: the payload says what it is, the
 * random part keeps it unguessable, and oidc-provider stores and finds it by that whole value as
 * it does any opaque token (nothing is signed; the value is only a key). Keycloak's refresh tokens
 * are signed JWTs the client never verifies either.
 */
import { randomBytes } from 'node:crypto';
import type { Client, KoaContextWithOIDC, Provider } from 'oidc-provider';

const HEADER = Buffer.from(JSON.stringify({ alg: 'none', typ: 'Refresh' })).toString('base64url');

/** oidc-provider's `issueRefreshToken`: any client allowed the refresh_token grant gets one. */
export function issueRefreshToken(_ctx: KoaContextWithOIDC, client: Client): boolean {
  return client.grantTypeAllowed('refresh_token');
}

/**
 * A refresh token value keycloak-js can decode.
 *
 * @example refreshTokenValue('http://localhost:3001', 'mecport-portal') // 'eyJhbGciOiJub25l….eyJ0eXAi….Qm9x…'
 */
export function refreshTokenValue(issuer: string, clientId: string | undefined): string {
  const payload = Buffer.from(JSON.stringify({ typ: 'Refresh', iss: issuer, azp: clientId })).toString('base64url');
  return `${HEADER}.${payload}.${randomBytes(32).toString('base64url')}`;
}

/** Makes `provider`'s refresh tokens JWT-shaped; call once, before the first request. */
export function useDecodableRefreshTokens(provider: Provider): void {
  const prototype = provider.RefreshToken.prototype as unknown as { generateTokenId: () => string; clientId?: string };
  prototype.generateTokenId = function generateTokenId(this: { clientId?: string }) {
    return refreshTokenValue(provider.issuer, this.clientId);
  };
}
