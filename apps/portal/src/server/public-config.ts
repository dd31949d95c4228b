import { portalEnv } from '@/env';
import { browserTileUrl } from './pmtiles/pmtiles-setting';

/** What the browser needs to log in; never contains a secret. */
export interface TPublicAuthConfig {
  mode: 'oidc' | 'keycloak';
  issuer: string;
  clientId: string;
  /** Keycloak base URL and realm, derived from an issuer of the form `<url>/realms/<realm>` (realm mode only). */
  keycloak?: { url: string; realm: string };
}

export function publicAuthConfig(): TPublicAuthConfig {
  const env = portalEnv();
  const base = { mode: env.OIDC_MODE, issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID };
  if (env.OIDC_MODE !== 'keycloak') return base;
  const match = /^(.*)\/realms\/([^/]+)\/?$/.exec(env.OIDC_ISSUER);
  if (!match) throw new Error(`OIDC_MODE=keycloak needs OIDC_ISSUER of the form <url>/realms/<realm>, got ${env.OIDC_ISSUER}`);
  return { ...base, keycloak: { url: match[1]!, realm: match[2]! } };
}

/** What the edge map needs in the browser: the tile URL (the portal's own tile route for a `pmtiles:` archive), read per request so one build serves prod (OpenStreetMap) and tests (local tiles). */
export interface TPublicMapConfig { tileUrl: string }

export function publicMapConfig(): TPublicMapConfig {
  return { tileUrl: browserTileUrl(portalEnv().MECPORT_MAP_TILE_URL) };
}
