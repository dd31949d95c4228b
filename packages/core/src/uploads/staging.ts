/** The tus file store's files for one upload in the staging directory: `<id>` (the bytes) and `<id>.json` (its metadata). */
import { rm } from 'node:fs/promises';
import path from 'node:path';

export function stagedFiles(uploadsDir: string, uploadId: string): [string, string] {
  return [path.join(uploadsDir, uploadId), path.join(uploadsDir, `${uploadId}.json`)];
}

export async function removeStagedFiles(uploadsDir: string, uploadId: string): Promise<void> {
  await Promise.all(stagedFiles(uploadsDir, uploadId).map((file) => rm(file, { force: true })));
}
