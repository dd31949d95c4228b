/** The worker's configuration, validated once. */
import { NODE_OFFLINE_AFTER_SEC_DEFAULT, presentEnv, UPLOAD_EXPIRY_HOURS_DEFAULT } from '@mecport/contracts';
import { z } from 'zod';

export const ZWorkerEnv = z.object({
  DATABASE_URL: z.string().url(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Uploads untouched this long are cancelled and their staged bytes deleted (hourly job). */
  UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().max(8760).default(UPLOAD_EXPIRY_HOURS_DEFAULT),
  /** Enrolled nodes silent this long get a node_offline alarm (the edge watchdog, every minute). */
  MECPORT_NODE_OFFLINE_AFTER_SEC: z.coerce.number().int().min(5).max(86_400).default(NODE_OFFLINE_AFTER_SEC_DEFAULT),
  /** The sandbox host's control API and its secret (as the API's): expiry removes the host's sites with them. */
  MECPORT_SANDBOX_HOST_URL: z.string().url().optional(),
  MECPORT_SANDBOX_HOST_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

export function workerEnv(): TWorkerEnv {
  return ZWorkerEnv.parse(presentEnv(process.env));
}
