/**
 * Publishes a version of the caller's tenant's app, through the one publish gate; the first app to
 * publish an appDId owns it (`appd-id-owner.ts`), another app's version with it is refused. The app's catalog
 * listing follows in the same transaction (the database's app_version trigger); this process's cached
 * catalog pages are dropped after the commit.
 */
import { AppError, type TAppVersion } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { invalidateCatalogCache } from '../catalog/catalog-cache';
import { claimAppdId } from './appd-id-owner';
import { findTenantVersion } from './find-app';
import { toAppVersion } from './mappers';
import { assertPublishable } from './publish-gate';

export async function publishVersion(db: DbClient, actor: TActor, appId: string, versionId: string, requestId?: string): Promise<TAppVersion> {
  const published = await db.$transaction(async (tx) => {
    const version = await findTenantVersion(tx, actor.tenant.id, appId, versionId);
    assertPublishable(version);
    await claimAppdId(tx, version.appId, version.appdId);
    const publishedAt = new Date();
    // Conditional on the status we checked, so a concurrent change cannot slip past the gate.
    const { count } = await tx.appVersion.updateMany({ where: { id: version.id, status: version.status }, data: { status: 'published', publishedAt } });
    if (count !== 1) throw new AppError('conflict', `Version ${version.version} changed while publishing; try again`);
    await recordAudit(tx, actor, { action: 'app.version.publish', target: { type: 'app-version', id: version.id }, data: { appId, version: version.version, from: version.status }, requestId });
    return toAppVersion({ ...version, status: 'published', publishedAt });
  });
  invalidateCatalogCache();
  return published;
}
