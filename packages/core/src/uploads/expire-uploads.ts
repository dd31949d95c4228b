/**
 * Expiry of abandoned uploads, run by the worker's `upload.expire` job. An upload still
 * `uploading` that nobody touched for `maxIdleMs` (no bytes written, no offset read) becomes
 * `cancelled` (audited as the system) and its staged files are deleted. Staged files that belong
 * to no live upload (a crash between the tus store and the database, a cancel that could not
 * delete them) go after the same idle time.
 *
 * Not @tus/file-store's own expiration: it counts from creation, so it would cut off a slow
 * 8 GiB upload that is still moving, and it knows nothing of the upload rows.
 *
 * @example
 * const { expired, orphans } = await expireIdleUploads({ db, uploadsDir }, { maxIdleMs: 24 * 3_600_000 });
 */
import { readdir, stat } from 'node:fs/promises';
import { removeStagedFiles, stagedFiles, stagedUploadId } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../audit';

export interface TExpiryDeps { db: DbClient; uploadsDir: string }
export interface TExpiryOptions { maxIdleMs: number; now?: Date }
export interface TExpiryResult { expired: string[]; orphans: string[] }

/** Who the audit trail names for an expiry. */
export const EXPIRY_ACTOR = { subject: 'system:upload-expiry', name: 'MECport upload expiry' } as const;

const BATCH = 500;

export async function expireIdleUploads(deps: TExpiryDeps, options: TExpiryOptions): Promise<TExpiryResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.maxIdleMs);
  const expired = await expireIdleRows(deps, cutoff, options.maxIdleMs);
  const orphans = await removeOrphanFiles(deps, cutoff);
  return { expired, orphans };
}

/** The newest modification time of the upload's staged files; null when there are none. */
async function lastWrite(uploadsDir: string, uploadId: string): Promise<Date | null> {
  const times = await Promise.all(stagedFiles(uploadsDir, uploadId).map((file) => stat(file).then((s) => s.mtimeMs, () => null)));
  const present = times.filter((t): t is number => t !== null);
  return present.length > 0 ? new Date(Math.max(...present)) : null;
}

async function expireIdleRows({ db, uploadsDir }: TExpiryDeps, cutoff: Date, maxIdleMs: number): Promise<string[]> {
  const expired: string[] = [];
  const rows = await db.upload.findMany({
    where: { state: 'uploading', updatedAt: { lt: cutoff } },
    select: { id: true, appId: true, version: true, offset: true, tenant: { select: { id: true, slug: true, name: true } } },
    orderBy: { updatedAt: 'asc' },
    take: BATCH,
  });
  const hours = Math.round((maxIdleMs / 3_600_000) * 10) / 10;
  for (const row of rows) {
    // a PATCH streaming into the file may not have reached the row yet
    const written = await lastWrite(uploadsDir, row.id);
    if (written && written >= cutoff) continue;
    const cancelled = await db.$transaction(async (tx) => {
      const { count } = await tx.upload.updateMany({
        where: { id: row.id, state: 'uploading', updatedAt: { lt: cutoff } },
        data: { state: 'cancelled', error: `Expired: nothing arrived for ${hours} h` },
      });
      if (count !== 1) return false;
      await recordAudit(tx, { ...EXPIRY_ACTOR, tenant: row.tenant }, {
        action: 'app.upload.expire', target: { type: 'upload', id: row.id },
        data: { appId: row.appId, version: row.version, offset: Number(row.offset), idleHours: hours },
      });
      return true;
    });
    if (!cancelled) continue;
    await removeStagedFiles(uploadsDir, row.id);
    expired.push(row.id);
  }
  return expired;
}

/** Staged files older than the cutoff whose upload is neither receiving nor waiting for validation. */
async function removeOrphanFiles({ db, uploadsDir }: TExpiryDeps, cutoff: Date): Promise<string[]> {
  const names = await readdir(uploadsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = [...new Set(names.map(stagedUploadId).filter((id): id is string => id !== null))];
  const removed: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const live = await db.upload.findMany({ where: { id: { in: batch }, state: { in: ['uploading', 'validating'] } }, select: { id: true } });
    const liveIds = new Set(live.map((row) => row.id));
    for (const id of batch) {
      if (liveIds.has(id)) continue;
      const written = await lastWrite(uploadsDir, id);
      if (!written || written >= cutoff) continue;
      await removeStagedFiles(uploadsDir, id);
      removed.push(id);
    }
  }
  return removed;
}
