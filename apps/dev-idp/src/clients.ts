/**
 * The two OAuth clients the dev IdP knows, mirroring `deploy/keycloak/realm.json`:
 * the portal (browser, authorization code + PKCE) and the CLI (password grant, like
 * Keycloak's "direct access grants"). Both may refresh their tokens, as in Keycloak; the portal
 * is told which sessions end through OpenID Connect back-channel logout.
 */
import type { ClientMetadata } from 'oidc-provider';

export const PORTAL_CLIENT_ID = 'mecport-portal';
export const CLI_CLIENT_ID = 'mecport-cli';

/** The resource indicator every access token is issued for (must be an absolute URI). */
export const API_RESOURCE = 'urn:mecport:api';
export const API_SCOPE = 'api';
/** Where the portal receives logout tokens (`POST`, form field `logout_token`). */
export const BACKCHANNEL_LOGOUT_PATH = '/api/v1/auth/backchannel-logout';

export function clientsFor(portalUrl: string): ClientMetadata[] {
  return [
    {
      client_id: PORTAL_CLIENT_ID,
      client_name: 'MECport portal',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${portalUrl}/auth/callback`],
      backchannel_logout_uri: `${portalUrl}${BACKCHANNEL_LOGOUT_PATH}`,
      backchannel_logout_session_required: true,
      // keycloak-js sends its init redirectUri as post_logout_redirect_uri when logout() gets none.
      post_logout_redirect_uris: [`${portalUrl}/`, `${portalUrl}/auth/callback`],
    },
    {
      client_id: CLI_CLIENT_ID,
      client_name: 'MECport CLI and tests',
      token_endpoint_auth_method: 'none',
      grant_types: ['password', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
    },
  ];
}
