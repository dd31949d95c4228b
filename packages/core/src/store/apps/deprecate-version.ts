/**
 * Deprecates a version: the store stops showing it (and the app, when no other version is
 * published); nothing is deleted. A draft cannot be deprecated (delete it instead); deprecating a
 * deprecated version changes nothing.
 */
import { AppError, type TAppVersion } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { invalidateCatalogCache } from '../catalog/catalog-cache';
import { findTenantVersion } from './find-app';
import { toAppVersion } from './mappers';

export async function deprecateVersion(db: DbClient, actor: TActor, appId: string, versionId: string, requestId?: string): Promise<TAppVersion> {
  const deprecated = await db.$transaction(async (tx) => {
    const version = await findTenantVersion(tx, actor.tenant.id, appId, versionId);
    if (version.status === 'deprecated') return toAppVersion(version);
    if (version.status === 'draft') throw new AppError('conflict', `Version ${version.version} is a draft; delete it instead of deprecating it`);
    const deprecatedAt = new Date();
    const { count } = await tx.appVersion.updateMany({ where: { id: version.id, status: version.status }, data: { status: 'deprecated', deprecatedAt } });
    if (count !== 1) throw new AppError('conflict', `Version ${version.version} changed while deprecating; try again`);
    await recordAudit(tx, actor, { action: 'app.version.deprecate', target: { type: 'app-version', id: version.id }, data: { appId, version: version.version, from: version.status }, requestId });
    return toAppVersion({ ...version, status: 'deprecated', deprecatedAt });
  });
  invalidateCatalogCache();
  return deprecated;
}
