/**
 * Keeping package files and PackageBlob rows in step. Every change that can create or unlink a
 * blob file runs under a per-digest advisory lock, so a version delete that frees a digest and an
 * upload that stores the same bytes again cannot interleave (the file would go while a new row
 * points at it).
 *
 * @example
 * const { freedDigest } = await deleteVersion(db, actor, appId, versionId);
 * if (freedDigest) await removeBlobIfUnreferenced(db, blobs, freedDigest);
 */
import type { TBlobStore } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';

/** Runs `fn` while holding the digest's advisory lock (a transaction on its own connection). */
export async function withDigestLock<T>(db: DbClient, digest: string, fn: () => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`mecport-blob:${digest}`}, 0))`;
    return fn();
  }, { maxWait: 60_000, timeout: 60 * 60_000 });
}

/** Unlinks the digest's file unless a PackageBlob row (re-)appeared. Call it with the lock held. */
export async function removeBlobFileIfUnreferencedLocked(db: DbClient, blobs: TBlobStore, digest: string): Promise<boolean> {
  const row = await db.packageBlob.findUnique({ where: { digest }, select: { digest: true } });
  if (row) return false;
  return blobs.remove(digest);
}

/** After a commit that freed `digest` (deleteVersion's freedDigest): removes its file if nothing references it any more. */
export async function removeBlobIfUnreferenced(db: DbClient, blobs: TBlobStore, digest: string): Promise<boolean> {
  return withDigestLock(db, digest, () => removeBlobFileIfUnreferencedLocked(db, blobs, digest));
}
