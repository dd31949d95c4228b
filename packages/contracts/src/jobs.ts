/**
 * Background job contracts: name and payload schema of every job, shared by whoever enqueues
 * (portal, worker schedules) and the worker that runs them. Payloads are validated on both sides.
 */
import { z } from 'zod';

export const JOBS = {
  'audit.prune': z.object({ retentionDays: z.number().int().min(1).max(36500) }).strict(),
  /** Validate a completed upload's staged file and register it as a version (or fail it). */
  'package.validate': z.object({ uploadId: z.string().uuid() }).strict(),
} as const;

export type TJobName = keyof typeof JOBS;
export type TJobPayload<N extends TJobName> = z.infer<(typeof JOBS)[N]>;
