/**
 * The API server's configuration, validated once. Read `process.env` nowhere else.
 * Both modes read it: the portal's server (API + UI on PORT) and the edge gateway (EDGE_GATEWAY_PORT).
 */
import { NODE_OFFLINE_AFTER_SEC_DEFAULT, presentEnv } from '@mecport/contracts';
import { ZInFlightLimitEnv } from '@mecport/http';
import { z } from 'zod';

const ZPort = z.coerce.number().int().min(1).max(65535);

const ZApiEnv = z.object({
  /** Where the portal's server answers the API and the UI. */
  PORT: ZPort.default(3000),
  /** Where the edge gateway answers the agents' routes (its own process). */
  EDGE_GATEWAY_PORT: ZPort.default(3002),
  /**
   * The address both listen on (all interfaces by default, as `next start` did). Not `HOSTNAME`,
   * which containers set to the machine's name.
   */
  MECPORT_LISTEN_HOST: z.string().min(1).optional(),
  OIDC_ISSUER: z.string().url().default('http://localhost:3001'),
  OIDC_CLIENT_ID: z.string().min(1).default('mecport-portal'),
  OIDC_AUDIENCE: z.string().min(1).default('mecport-api'),
  OIDC_TENANT_CLAIM: z.string().min(1).default('tenant'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The application database; the upload endpoint sends the validation job through pg-boss on it. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgresql:// connection URL').optional(),
  /** Largest package the resumable upload endpoint accepts, in bytes (default 8 GiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(8 * 1024 ** 3),
  /** Seconds without a heartbeat after which a node shows offline. */
  MECPORT_NODE_OFFLINE_AFTER_SEC: z.coerce.number().int().min(5).max(86_400).default(NODE_OFFLINE_AFTER_SEC_DEFAULT),
  /** How often agents send heartbeats, in seconds (sent to them in the desired state). */
  MECPORT_HEARTBEAT_INTERVAL_SEC: z.coerce.number().int().min(1).max(3600).default(10),
  /** The portal's public URL; by default the URL the operator's browser used. */
  MECPORT_PUBLIC_URL: z.string().url().optional(),
  /** The edge gateway's URL as agents reach it, named in enrolment commands; by default MECPORT_PUBLIC_URL, else the portal's URL the operator used. */
  MECPORT_EDGE_GATEWAY_URL: z.string().url().optional(),
  /** How long an enrolment token stays valid, in seconds. */
  MECPORT_ENROL_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(30 * 86_400).default(24 * 3600),
  /** The sandbox host's control API on loopback (issue 13); without it every sandbox route answers 503 `sandbox-host-unavailable`. */
  MECPORT_SANDBOX_HOST_URL: z.string().url().optional(),
  /** The bearer secret the sandbox host expects (npm start makes one per run). */
  MECPORT_SANDBOX_HOST_SECRET: z.string().min(16).optional(),
  /** The sandbox host's directory on this machine (default `<MECPORT_DATA_DIR>/sandbox-host`, as npm start runs it); packages to deploy are handed over in its `inbox/`. */
  MECPORT_SANDBOX_HOST_DIR: z.string().min(1).optional(),
  /** Sandboxes a tenant may have at once (the store's short "try it" sandboxes not counted). */
  MECPORT_SANDBOX_QUOTA: z.coerce.number().int().min(0).max(1000).default(3),
  /** A sandbox's time to live when its create request names none, in seconds. */
  MECPORT_SANDBOX_TTL_SEC: z.coerce.number().int().min(60).max(86_400).default(3600),
}).extend(ZInFlightLimitEnv.shape);
export type TApiEnv = z.infer<typeof ZApiEnv>;

let cached: TApiEnv | undefined;

export function apiEnv(): TApiEnv {
  cached ??= ZApiEnv.parse(presentEnv(process.env));
  return cached;
}
