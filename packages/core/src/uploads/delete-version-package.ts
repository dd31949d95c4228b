/**
 * The developer's "delete version" as one use case: delete the draft or validated version (audited,
 * in its transaction), then, after the commit, remove its package file if no other version uses it
 * and no upload re-created its row meanwhile (checked under the digest's lock, blob-gc.ts).
 *
 * @example
 *   const { freedDigest, fileRemoved } = await deleteVersionAndPackage(db, blobs, actor, appId, versionId, requestId);
 */
import type { TBlobStore } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../identity';
import { deleteVersion } from '../store';
import { removeBlobIfUnreferenced } from './blob-gc';

export async function deleteVersionAndPackage(
  db: DbClient, blobs: TBlobStore, actor: TActor, appId: string, versionId: string, requestId?: string,
): Promise<{ freedDigest: string | null; fileRemoved: boolean }> {
  const { freedDigest } = await deleteVersion(db, actor, appId, versionId, requestId);
  if (!freedDigest) return { freedDigest, fileRemoved: false };
  return { freedDigest, fileRemoved: await removeBlobIfUnreferenced(db, blobs, freedDigest) };
}
