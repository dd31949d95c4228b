/**
 * A package file an agent may download: only one that an app instance of its own node (not yet
 * removed) uses, and only when the file is in the blob store. The caller streams it (with Range).
 *
 * @example
 *   const file = await findNodePackage(db, blobStore(), nodeId, sha256);
 *   const stream = await file.open(0, file.size - 1);
 */
import type { Readable } from 'node:stream';
import type { TBlobStore } from '@mecport/blob-store';
import { AppError } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';

export interface TNodePackage {
  size: number;
  /** Strong ETag: the package's sha256, quoted. */
  etag: string;
  filename: string;
  open: (start: number, end: number) => Promise<Readable>;
}

export async function findNodePackage(db: DbExecutor, blobs: Pick<TBlobStore, 'stat' | 'openRange'>, nodeId: string, sha256: string): Promise<TNodePackage> {
  const wanted = await db.appInstance.findFirst({ where: { nodeId, removedAt: null, appVersion: { packageDigest: sha256 } }, select: { id: true } });
  if (!wanted) throw new AppError('not-found', 'No app instance of this node uses that package');
  const stored = await blobs.stat(sha256);
  if (!stored) throw new AppError('not-found', 'The package file is not in this store');
  return { size: stored.size, etag: `"${sha256}"`, filename: `${sha256}.csar`, open: (from, to) => blobs.openRange(sha256, from, to) };
}
