/**
 * Every job the worker runs: its contract (from @mecport/contracts), its handler and, optionally,
 * a schedule. Add a job by adding its contract and one entry here.
 */
import { JOBS, type TJobName, type TJobPayload } from '@mecport/contracts';
import { createBlobStore, storagePaths, type TBlobStore } from '@mecport/blob-store';
import { advanceRunningDeployments, expireSandboxes, pruneAuditEvents, pruneNodeMetrics, raiseOfflineAlarms, settleStoppedDeployments, type THostClient } from '@mecport/core';
import { validateUpload } from '@mecport/core/package-validation';
import type { DbClient } from '@mecport/db';
import type { Logger } from 'pino';
import { runUploadExpiry, UPLOAD_EXPIRE_CRON } from './upload-expire';

export interface TJobStorage { blobs: TBlobStore; uploadsDir: string }
/**
 * `storage` defaults to MECPORT_DATA_DIR's blob store and upload staging directory; `sandboxHost`
 * (the sandbox host's control API, null when not configured) lets expiry remove the host's sites.
 */
export interface TJobDeps { prisma: DbClient; log: Logger; storage?: TJobStorage; sandboxHost?: THostClient | null }

export function defaultStorage(dataDir?: string): TJobStorage {
  return { blobs: createBlobStore({ dataDir }), uploadsDir: storagePaths(dataDir).uploadsDir };
}

/** What scheduled payloads are made from (the worker's configuration). */
export interface TScheduleConfig { auditRetentionDays: number; uploadExpiryHours: number; nodeOfflineAfterSec: number }

export interface TJobDefinition<N extends TJobName> {
  name: N;
  handler: (payload: TJobPayload<N>, deps: TJobDeps) => Promise<Record<string, unknown>>;
  /** Cron expression (UTC) and the payload it sends. */
  schedule?: { cron: string; payload: (config: TScheduleConfig) => TJobPayload<N> };
}

export const JOB_DEFINITIONS: { [N in TJobName]: TJobDefinition<N> } = {
  'audit.prune': {
    name: 'audit.prune',
    handler: async ({ retentionDays }, { prisma }) => ({ deleted: await pruneAuditEvents(prisma, retentionDays) }),
    schedule: { cron: '17 3 * * *', payload: ({ auditRetentionDays }) => ({ retentionDays: auditRetentionDays }) },
  },
  'package.validate': {
    name: 'package.validate',
    handler: async ({ uploadId }, { prisma, log, storage }) => {
      const { blobs, uploadsDir } = storage ?? defaultStorage();
      return validateUpload({ db: prisma, blobs, uploadsDir, log }, uploadId);
    },
  },
  'upload.expire': {
    name: 'upload.expire',
    handler: async (payload, { prisma, storage }) => runUploadExpiry(payload, { prisma, uploadsDir: (storage ?? defaultStorage()).uploadsDir }),
    schedule: { cron: UPLOAD_EXPIRE_CRON, payload: ({ uploadExpiryHours }) => ({ maxIdleHours: uploadExpiryHours }) },
  },
  'edge.watchdog': {
    name: 'edge.watchdog',
    handler: async ({ offlineAfterSec }, { prisma }) => ({
      offlineNodes: await raiseOfflineAlarms(prisma, offlineAfterSec),
      runningDeployments: await advanceRunningDeployments(prisma),
      stoppedDeploymentTargets: await settleStoppedDeployments(prisma),
      metricsPruned: await pruneNodeMetrics(prisma),
    }),
    schedule: { cron: '* * * * *', payload: ({ nodeOfflineAfterSec }) => ({ offlineAfterSec: nodeOfflineAfterSec }) },
  },
  'sandbox.expire': {
    name: 'sandbox.expire',
    handler: async (_payload, { prisma, sandboxHost }) => expireSandboxes({ db: prisma, host: sandboxHost ?? null }),
    schedule: { cron: '* * * * *', payload: () => ({}) },
  },
};

export function parsePayload<N extends TJobName>(name: N, data: unknown): TJobPayload<N> {
  return JOBS[name].parse(data) as TJobPayload<N>;
}
