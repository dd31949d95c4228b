/** The caller's tenant's apps: one by id, or all of them newest first (cursor pagination). */
import type { TApp, TAppListQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';
import { findTenantApp } from './find-app';
import { toApp } from './mappers';

export async function getApp(db: DbClient, tenantId: string, appId: string): Promise<TApp> {
  return toApp(await findTenantApp(db, tenantId, appId));
}

export async function listTenantApps(db: DbClient, tenantId: string, query: TAppListQuery): Promise<{ items: TApp[]; nextCursor: string | null }> {
  const rows = await db.app.findMany({
    where: { tenantId, ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toApp), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
