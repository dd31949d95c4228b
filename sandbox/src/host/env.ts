/** The host process's settings, from the environment, validated once (names in the README's sandbox section). */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { SANDBOX_HOST_DEFAULT_PORT } from '@mecport/contracts/sandbox';

const ZHostEnv = z.object({
  MECPORT_SANDBOX_HOST_PORT: z.coerce.number().int().min(1).max(65_535).default(SANDBOX_HOST_DEFAULT_PORT),
  MECPORT_SANDBOX_HOST_SECRET: z.string({ error: 'MECPORT_SANDBOX_HOST_SECRET is required: the host refuses to start without the secret the portal sends' })
    .min(16, 'MECPORT_SANDBOX_HOST_SECRET must be at least 16 characters'),
  MECPORT_SANDBOX_HOST_DIR: z.string().min(1).default('.data/sandbox-host'),
  /** `auto`: network namespaces where the machine allows them; `loopback`: never. */
  MECPORT_SANDBOX_ISOLATION: z.enum(['auto', 'loopback']).default('auto'),
  LOG_LEVEL: z.string().default('info'),
});

export interface THostSettings {
  port: number;
  secret: string;
  dir: string;
  isolation: 'auto' | 'loopback';
  logLevel: string;
  /** Names this host's network namespaces (derived from its directory, so two hosts never share one). */
  networkTag: string;
}

export function hostSettings(env: NodeJS.ProcessEnv = process.env): THostSettings {
  const parsed = ZHostEnv.safeParse(env);
  if (!parsed.success) throw new Error(`sandbox host settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const dir = path.resolve(parsed.data.MECPORT_SANDBOX_HOST_DIR);
  return {
    port: parsed.data.MECPORT_SANDBOX_HOST_PORT,
    secret: parsed.data.MECPORT_SANDBOX_HOST_SECRET,
    dir,
    isolation: parsed.data.MECPORT_SANDBOX_ISOLATION,
    logLevel: parsed.data.LOG_LEVEL,
    networkTag: networkTagOf(dir),
  };
}

export function networkTagOf(dir: string): string {
  return createHash('sha256').update(dir).digest('hex').slice(0, 4);
}
