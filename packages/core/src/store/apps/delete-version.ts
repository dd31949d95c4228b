/**
 * Deletes a draft or validated version. Its package blob row goes too when no other version
 * references it; the digest is returned so that the caller removes the file AFTER the commit
 * (a failed commit must not lose a file that rows still point at).
 *
 * @example
 * const { freedDigest } = await deleteVersion(db, actor, appId, versionId);
 * if (freedDigest) await blobStore.remove(freedDigest);
 */
import { AppError } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { findTenantVersion } from './find-app';

export const DELETABLE_STATUSES = ['draft', 'validated'] as const;

export async function deleteVersion(db: DbClient, actor: TActor, appId: string, versionId: string, requestId?: string): Promise<{ freedDigest: string | null }> {
  return db.$transaction(async (tx) => {
    const version = await findTenantVersion(tx, actor.tenant.id, appId, versionId);
    if (!(DELETABLE_STATUSES as readonly string[]).includes(version.status)) {
      throw new AppError('conflict', `Version ${version.version} is ${version.status}; only draft or validated versions can be deleted (deprecate it instead)`);
    }
    const { count } = await tx.appVersion.deleteMany({ where: { id: version.id, status: version.status } });
    if (count !== 1) throw new AppError('conflict', `Version ${version.version} changed while deleting; try again`);
    // The FK (RESTRICT) makes this fail rather than orphan a version that a concurrent upload just added.
    const freed = await tx.$executeRaw`DELETE FROM "package_blob" WHERE "digest" = ${version.packageDigest} AND NOT EXISTS (SELECT 1 FROM "app_version" WHERE "package_digest" = ${version.packageDigest})`;
    await recordAudit(tx, actor, {
      action: 'app.version.delete', target: { type: 'app-version', id: version.id },
      data: { appId, version: version.version, digest: version.packageDigest, blobFreed: freed === 1 }, requestId,
    });
    return { freedDigest: freed === 1 ? version.packageDigest : null };
  });
}
