/** The worker's configuration, validated once. */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';

export const ZWorkerEnv = z.object({
  DATABASE_URL: z.string().url(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

export function workerEnv(): TWorkerEnv {
  return ZWorkerEnv.parse(presentEnv(process.env));
}
