/**
 * Records a package download of a published version by a signed-in user and bumps the app's
 * download count in the same transaction. The Download row is itself the record, so no audit
 * entry is written (downloads are frequent and not a change of anything the tenant owns). For the
 * same reason a download does not drop the cached catalog pages: the count they show may lag by up
 * to CATALOG_CACHE_TTL_MS.
 */
import { AppError } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../../identity';

export async function recordDownload(db: DbClient, actor: Pick<TActor, 'subject' | 'tenant'>, appVersionId: string): Promise<{ packageDigest: string; packageSize: bigint }> {
  return db.$transaction(async (tx) => {
    const version = await tx.appVersion.findFirst({ where: { id: appVersionId, status: 'published' } });
    if (!version) throw new AppError('not-found', `No published version ${appVersionId} in the store`);
    await tx.download.create({ data: { appVersionId: version.id, subject: actor.subject, tenantId: actor.tenant.id } });
    await tx.app.update({ where: { id: version.appId }, data: { downloadCount: { increment: 1 } } });
    return { packageDigest: version.packageDigest, packageSize: version.packageSize };
  });
}
