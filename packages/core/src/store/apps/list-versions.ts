/** Every version of one of the caller's tenant's apps, newest first (cursor pagination). */
import type { TAppVersion, TAppListQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';
import { findTenantApp } from './find-app';
import { toAppVersion } from './mappers';

export async function listVersions(db: DbClient, tenantId: string, appId: string, query: TAppListQuery): Promise<{ items: TAppVersion[]; nextCursor: string | null }> {
  const app = await findTenantApp(db, tenantId, appId);
  const rows = await db.appVersion.findMany({
    where: { appId: app.id, ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toAppVersion), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
