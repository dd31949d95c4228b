/** The worker's configuration, validated once. */
import { presentEnv, UPLOAD_EXPIRY_HOURS_DEFAULT } from '@mecport/contracts';
import { z } from 'zod';

export const ZWorkerEnv = z.object({
  DATABASE_URL: z.string().url(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Uploads untouched this long are cancelled and their staged bytes deleted (hourly job). */
  UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().max(8760).default(UPLOAD_EXPIRY_HOURS_DEFAULT),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

export function workerEnv(): TWorkerEnv {
  return ZWorkerEnv.parse(presentEnv(process.env));
}
