/**
 * The portal's configuration, validated once. Read `process.env` nowhere else.
 * Server-only: the browser receives the public part through `publicConfig()`.
 */
import { NODE_OFFLINE_AFTER_SEC_DEFAULT, presentEnv } from '@mecport/contracts';
import { z } from 'zod';
import { pmtilesSettingProblem } from '@/server/pmtiles/pmtiles-setting';

const ZPortalEnv = z.object({
  OIDC_ISSUER: z.string().url().default('http://localhost:3001'),
  OIDC_CLIENT_ID: z.string().min(1).default('mecport-portal'),
  OIDC_AUDIENCE: z.string().min(1).default('mecport-api'),
  OIDC_TENANT_CLAIM: z.string().min(1).default('tenant'),
  /** `oidc`: keycloak-js in generic OIDC mode (dev IdP); `keycloak`: realm mode against a Keycloak issuer `<url>/realms/<realm>`. */
  OIDC_MODE: z.enum(['oidc', 'keycloak']).default('oidc'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The application database; the upload endpoint sends the validation job through pg-boss on it. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgresql:// connection URL').optional(),
  /** Largest package the resumable upload endpoint accepts, in bytes (default 8 GiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(8 * 1024 ** 3),
  /** Seconds without a heartbeat after which a node shows offline. */
  MECPORT_NODE_OFFLINE_AFTER_SEC: z.coerce.number().int().min(5).max(86_400).default(NODE_OFFLINE_AFTER_SEC_DEFAULT),
  /** How often agents send heartbeats, in seconds (sent to them in the desired state). */
  MECPORT_HEARTBEAT_INTERVAL_SEC: z.coerce.number().int().min(1).max(3600).default(10),
  /** The portal URL agents use in the enrolment command; by default the URL the operator's browser used. */
  MECPORT_PUBLIC_URL: z.string().url().optional(),
  /** How long an enrolment token stays valid, in seconds. */
  MECPORT_ENROL_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(30 * 86_400).default(24 * 3600),
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
