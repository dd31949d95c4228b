/** Configuration of `npm start`, validated once (see the README's configuration table). */
import { presentEnv } from '@mecport/contracts';
import { SANDBOX_HOST_DEFAULT_PORT } from '@mecport/contracts/sandbox';
import { z } from 'zod';

const ZStartEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTAL_URL: z.string().url().optional(),
  /** The edge gateway's port (the agents' routes only). */
  EDGE_GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  /** The gateway's URL as agents reach it (enrolment commands); by default PORTAL_URL's host on EDGE_GATEWAY_PORT. */
  MECPORT_EDGE_GATEWAY_URL: z.string().url().optional(),
  DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** The sandbox host's control API (127.0.0.1 only; a fresh secret per run in .data/sandbox-host.secret). */
  MECPORT_SANDBOX_HOST_PORT: z.coerce.number().int().min(1).max(65535).default(SANDBOX_HOST_DEFAULT_PORT),
  OIDC_ISSUER: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  /** Where the stack keeps its data (relative to the repository root), as the database reads it too. */
  MECPORT_DATA_DIR: z.string().min(1).default('.data'),
  MECPORT_SKIP_BUILD: z.enum(['0', '1']).default('0'),
  MECPORT_SEED: z.enum(['0', '1']).default('1'),
  /** `0`: no local demo edge agent (it needs the demo data). */
  MECPORT_DEMO_AGENT: z.enum(['0', '1']).default('1'),
  /** Where the demo agent serves Mp1 to its apps (127.0.0.1). */
  MECPORT_AGENT_MP1_PORT: z.coerce.number().int().min(1).max(65535).default(8581),
  /** Where the demo agent's DNS server answers the demo apps' DNS rules (127.0.0.1, UDP and TCP); `off` or `0`: none. */
  MECPORT_AGENT_DNS_PORT: z.string().trim().regex(/^(off|0|[1-9]\d{0,4})$/, 'a port, 0 or off').refine((v) => !/^\d+$/.test(v) || Number(v) <= 65535, 'a port up to 65535').default('8553'),
});

export type TStartConfig = z.infer<typeof ZStartEnv> & { portalUrl: string; gatewayUrl: string; issuer: string; startDevIdp: boolean };

export function startConfig(): TStartConfig {
  // An empty variable means "not set", so `DATABASE_URL= npm start` still uses the embedded database.
  const parsed = ZStartEnv.safeParse(presentEnv(process.env));
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  const portalUrl = env.PORTAL_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    portalUrl,
    gatewayUrl: env.MECPORT_EDGE_GATEWAY_URL ?? gatewayUrlBeside(portalUrl, env.EDGE_GATEWAY_PORT),
    issuer: env.OIDC_ISSUER ?? `http://localhost:${env.DEV_IDP_PORT}`,
    startDevIdp: !env.OIDC_ISSUER,
  };
}

/** The portal URL's scheme and host, on the gateway's port: `http://localhost:3000` -> `http://localhost:3002`. */
function gatewayUrlBeside(portalUrl: string, port: number): string {
  const url = new URL(portalUrl);
  url.port = String(port);
  return url.origin;
}
