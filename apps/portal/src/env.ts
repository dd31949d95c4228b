/**
 * The UI's configuration, validated once. Read `process.env` nowhere else.
 * Server-only: the browser receives the public part through `publicConfig()`. The API's settings
 * are read by the API server (apps/api/src/env.ts), which answers every API path.
 */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';
import { pmtilesSettingProblem } from '@/server/pmtiles/pmtiles-setting';

const ZPortalEnv = z.object({
  OIDC_ISSUER: z.string().url().default('http://localhost:3001'),
  OIDC_CLIENT_ID: z.string().min(1).default('mecport-portal'),
  OIDC_AUDIENCE: z.string().min(1).default('mecport-api'),
  OIDC_TENANT_CLAIM: z.string().min(1).default('tenant'),
  /** `oidc`: keycloak-js in generic OIDC mode (dev IdP); `keycloak`: realm mode against a Keycloak issuer `<url>/realms/<realm>`. */
  OIDC_MODE: z.enum(['oidc', 'keycloak']).default('oidc'),
  /**
   * The edge map's tile URL template (Leaflet `{z}/{x}/{y}`, `{s}`), e.g. the operator's own tile server;
   * `none` (the default) draws the built-in Natural Earth outlines, which need no network, and so does a
   * tile server that fails. `/edge-map/tiles/{z}/{x}/{y}.png` serves blank local tiles (the tests use it).
   * `pmtiles:/absolute/path/world.pmtiles`: the portal serves that local PMTiles v3 archive of raster
   * tiles itself (server/pmtiles/); a missing or wrong file stops the portal with the reason.
   */
  MECPORT_MAP_TILE_URL: z.string().min(1).default('none').superRefine((setting, ctx) => {
    const problem = pmtilesSettingProblem(setting);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
export type TPortalEnv = z.infer<typeof ZPortalEnv>;

let cached: TPortalEnv | undefined;

/** Parsed lazily so that `next build` does not need runtime configuration. */
export function portalEnv(): TPortalEnv {
  cached ??= ZPortalEnv.parse(presentEnv(process.env));
  return cached;
}
