/**
 * A package file on this machine taken through the path of a real upload: an Upload row, the file
 * staged where tus would have put it, completion (audited), then the `package.validate` job's own
 * code, which validates it, stores it in the blob store and registers the version, or fails the
 * upload with its report. Keyed by the upload id, so running it again does nothing new.
 *
 * @example
 * await uploadLocalPackage(deps, actor, { uploadId, appId, version: '1.0', filename: 'a.csar', write: (to) => copyFile(src, to) });
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { stagedFiles } from '@mecport/blob-store';
import type { TUploadState } from '@mecport/contracts';
import type { TActor } from '../identity';
import { validateUpload } from '../package-validation';
import { completeUpload, createUpload, removeBlobIfUnreferenced, withDigestLock } from '../uploads';
import type { TDemoDeps } from './demo-context';

/** Writes the package file to `target` (builds it, or copies a sample). Must give the same bytes every time. */
export type TWritePackage = (target: string) => Promise<void>;

export interface TLocalPackage { uploadId: string; appId: string; version: string; filename: string; write: TWritePackage }

export interface TLocalUploadResult { state: TUploadState; versionId: string | null; error: string | null; uploaded: boolean }

export async function uploadLocalPackage(deps: TDemoDeps, actor: TActor, pkg: TLocalPackage): Promise<TLocalUploadResult> {
  const { db } = deps;
  const existing = await db.upload.findUnique({ where: { id: pkg.uploadId } });
  // Done before (validated, failed, or a version a developer has since deleted): leave it as it is.
  if (existing && existing.state !== 'uploading' && existing.state !== 'validating') {
    return { state: existing.state, versionId: existing.versionId, error: existing.error, uploaded: false };
  }
  // New, or an earlier start stopped half way: (re)stage the file and carry on from the row's state.
  const [staged] = stagedFiles(deps.uploadsDir, pkg.uploadId);
  await mkdir(deps.uploadsDir, { recursive: true });
  await pkg.write(staged);
  const { size } = await stat(staged);
  if (!existing) await createUpload(db, actor, { id: pkg.uploadId, size, metadata: { appId: pkg.appId, version: pkg.version, filename: pkg.filename } });
  await completeUpload(db, actor, pkg.uploadId);
  await validateUpload({ db, blobs: deps.blobs, uploadsDir: deps.uploadsDir, ...(deps.log ? { log: deps.log } : {}) }, pkg.uploadId);
  const row = await db.upload.findUniqueOrThrow({ where: { id: pkg.uploadId } });
  return { state: row.state, versionId: row.versionId, error: row.error, uploaded: true };
}

/**
 * Puts a version's package file back when the blob store lost it (say `.data/blobs` was deleted):
 * `write` reproduces the bytes, which are stored only if they have the recorded digest.
 */
export async function restoreBlob(deps: TDemoDeps, digest: string, write: TWritePackage): Promise<'present' | 'restored' | 'differs'> {
  if (await deps.blobs.stat(digest)) return 'present';
  await mkdir(deps.uploadsDir, { recursive: true });
  const file = path.join(deps.uploadsDir, `demo-restore-${randomUUID()}`);
  try {
    await write(file);
    const put = await withDigestLock(deps.db, digest, () => deps.blobs.putFromFile(file, { link: true }));
    if (put.digest === digest) return 'restored';
    if (put.created) await removeBlobIfUnreferenced(deps.db, deps.blobs, put.digest);
    return 'differs';
  } finally {
    await rm(file, { force: true });
  }
}
