/**
 * The two OAuth clients the dev IdP knows, mirroring `deploy/keycloak/realm.json`:
 * the portal (browser, authorization code + PKCE) and the CLI (password grant, like
 * Keycloak's "direct access grants").
 */
import type { ClientMetadata } from 'oidc-provider';

export const PORTAL_CLIENT_ID = 'mecport-portal';
export const CLI_CLIENT_ID = 'mecport-cli';

/** The resource indicator every access token is issued for (must be an absolute URI). */
export const API_RESOURCE = 'urn:mecport:api';
export const API_SCOPE = 'api';

export function clientsFor(portalUrl: string): ClientMetadata[] {
  return [
    {
      client_id: PORTAL_CLIENT_ID,
      client_name: 'MECport portal',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${portalUrl}/auth/callback`],
      // keycloak-js sends its init redirectUri as post_logout_redirect_uri when logout() gets none.
      post_logout_redirect_uris: [`${portalUrl}/`, `${portalUrl}/auth/callback`],
    },
    {
      client_id: CLI_CLIENT_ID,
      client_name: 'MECport CLI and tests',
      token_endpoint_auth_method: 'none',
      grant_types: ['password'],
      response_types: [],
      redirect_uris: [],
    },
  ];
}
