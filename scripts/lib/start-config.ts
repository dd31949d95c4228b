/** Configuration of `npm start`, validated once (see the README's configuration table). */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';

const ZStartEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTAL_URL: z.string().url().optional(),
  DEV_IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  OIDC_ISSUER: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  MECPORT_SKIP_BUILD: z.enum(['0', '1']).default('0'),
  MECPORT_SEED: z.enum(['0', '1']).default('1'),
  /** `0`: no local demo edge agent (it needs the demo data). */
  MECPORT_DEMO_AGENT: z.enum(['0', '1']).default('1'),
  /** Where the demo agent serves Mp1 to its apps (127.0.0.1). */
  MECPORT_AGENT_MP1_PORT: z.coerce.number().int().min(1).max(65535).default(8581),
});

export type TStartConfig = z.infer<typeof ZStartEnv> & { portalUrl: string; issuer: string; startDevIdp: boolean };

export function startConfig(): TStartConfig {
  // An empty variable means "not set", so `DATABASE_URL= npm start` still uses the embedded database.
  const parsed = ZStartEnv.safeParse(presentEnv(process.env));
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    portalUrl: env.PORTAL_URL ?? `http://localhost:${env.PORT}`,
    issuer: env.OIDC_ISSUER ?? `http://localhost:${env.DEV_IDP_PORT}`,
    startDevIdp: !env.OIDC_ISSUER,
  };
}
