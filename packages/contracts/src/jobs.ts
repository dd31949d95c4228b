/**
 * Background job contracts: name and payload schema of every job, shared by whoever enqueues
 * (portal, worker schedules) and the worker that runs them. Payloads are validated on both sides.
 */
import { z } from 'zod';

export const JOBS = {
  'audit.prune': z.object({ retentionDays: z.number().int().min(1).max(36500) }).strict(),
  /** Validate a completed upload's staged file and register it as a version (or fail it). */
  'package.validate': z.object({ uploadId: z.string().uuid() }).strict(),
  /** Cancel uploads untouched for `maxIdleHours` and delete their staged files (and old orphans). */
  'upload.expire': z.object({ maxIdleHours: z.number().positive().max(8760) }).strict(),
  /** Every minute: alarms for silent nodes, timeouts of deployment targets, metrics older than a day. */
  'edge.watchdog': z.object({ offlineAfterSec: z.number().int().min(5).max(86_400) }).strict(),
  /** Every minute: sandboxes past their time to live lose their host site and their row (audited `sandbox.expired`). */
  'sandbox.expire': z.object({}).strict(),
} as const;

/** Seconds without a heartbeat after which a node shows offline (MECPORT_NODE_OFFLINE_AFTER_SEC). */
export const NODE_OFFLINE_AFTER_SEC_DEFAULT = 30;

/** How long an abandoned upload keeps its staged bytes unless UPLOAD_EXPIRY_HOURS says otherwise. */
export const UPLOAD_EXPIRY_HOURS_DEFAULT = 24;

export type TJobName = keyof typeof JOBS;
export type TJobPayload<N extends TJobName> = z.infer<(typeof JOBS)[N]>;
