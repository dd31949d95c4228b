/**
 * The upload staging directory (`storagePaths().uploadsDir`), its one owner: what an upload is
 * called there and which files it has. The tus file store (./staging-file-store.ts) keeps
 * `<uploadId>` (the bytes) and `<uploadId>.json` (its metadata); upload ids are UUIDs, which is
 * how the expiry sweep tells an upload's files from anything else in the directory.
 *
 * @example
 * const id = newUploadId();                       // the tus server's namingFunction
 * const [bytes, metadata] = stagedFiles(storagePaths().uploadsDir, id);
 * stagedUploadId(`${id}.json`);                   // id
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const STAGED_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.json)?$/;

/** A new upload's id, which names its staged files. */
export function newUploadId(): string {
  return randomUUID();
}

export function stagedFiles(uploadsDir: string, uploadId: string): [string, string] {
  return [path.join(uploadsDir, uploadId), path.join(uploadsDir, `${uploadId}.json`)];
}

/** The upload a file name in the staging directory belongs to; null for a name no upload has. */
export function stagedUploadId(fileName: string): string | null {
  return STAGED_NAME.exec(fileName)?.[1] ?? null;
}

export async function removeStagedFiles(uploadsDir: string, uploadId: string): Promise<void> {
  await Promise.all(stagedFiles(uploadsDir, uploadId).map((file) => rm(file, { force: true })));
}
