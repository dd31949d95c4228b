/** The process runtime's record of one instance, kept in `runtime/<appInstanceId>.json` (mode 0600: the env holds the app's Mp1 secret). */
import { INSTANCE_STATES, ZInstanceMessageCode, ZMessageParams } from '@mecport/contracts';
import { z } from 'zod';
import { ZInstanceSpec } from './app-runtime';

export const ZProcIdentity = z.object({ pid: z.number().int(), startTicks: z.string(), bootId: z.string() });

/** What every runtime records of an instance it supervises: spec, wish, restart history and status. */
export const ZSupervisedRecord = z.object({
  spec: ZInstanceSpec,
  desired: z.enum(['RUNNING', 'STOPPED']),
  startedAt: z.string().nullable(),
  restarts: z.number().int().min(0),
  /** When the recent restarts happened (ms since epoch), for the crash-loop window. */
  recentRestarts: z.array(z.number()),
  state: z.enum(INSTANCE_STATES),
  message: z.string().nullable(),
  /** `message` as a stable code and parameters (absent from records an older agent wrote). */
  messageCode: ZInstanceMessageCode.nullable().optional(),
  messageParams: ZMessageParams.nullable().optional(),
});

export const ZProcessRecord = ZSupervisedRecord.extend({
  /** The live process, as far as the agent knows. */
  process: ZProcIdentity.nullable(),
});
export type TProcessRecord = z.infer<typeof ZProcessRecord>;

/** The environment variable that tags an app process with its instance and spec (`<id>:<configHash>`). */
export const INSTANCE_TAG_VAR = 'MECPORT_INSTANCE';
export const instanceTag = (spec: { appInstanceId: string; configHash: string }) => `${spec.appInstanceId}:${spec.configHash}`;

export interface TRestartOptions {
  /** First wait before a restart; doubles with each restart inside the window. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** This many restarts inside `crashLoopWindowMs` mean CRASH_LOOP. */
  crashLoopRestarts: number;
  /** Also: a process that stays up this long clears its restart history. */
  crashLoopWindowMs: number;
  /** How often the liveness of an adopted process (not the agent's child) is checked. */
  livenessPollMs: number;
  /** Graceful time a process killed for failing health checks gets. */
  healthKillGraceMs: number;
}

export const DEFAULT_RESTART_OPTIONS: TRestartOptions = {
  baseBackoffMs: 1000,
  maxBackoffMs: 60_000,
  crashLoopRestarts: 5,
  crashLoopWindowMs: 120_000,
  livenessPollMs: 1000,
  healthKillGraceMs: 5000,
};
