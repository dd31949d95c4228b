/** Edits a listing of the caller's tenant; the audit entry names the fields that changed. */
import type { TApp, TAppUpdate } from '@mecport/contracts';
import type { DbClient, Prisma } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { invalidateCatalogCache } from '../catalog/catalog-cache';
import { findTenantApp } from './find-app';
import { assertPublicUrls } from '../../shared/url-policy-fields';
import { toApp } from './mappers';

/** What `null` clears a field to where the column is not nullable. */
const CLEARED: Record<string, unknown> = { descriptionEn: '', descriptionZh: '', tags: [], screenshots: [] };

export async function updateApp(db: DbClient, actor: TActor, appId: string, update: TAppUpdate, requestId?: string): Promise<TApp> {
  assertPublicUrls({ iconUrl: update.iconUrl, screenshots: update.screenshots, videoUrl: update.videoUrl });
  const updated = await db.$transaction(async (tx) => {
    const before = await findTenantApp(tx, actor.tenant.id, appId);
    const data: Prisma.AppUpdateInput = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined).map(([key, value]) => [key, value ?? CLEARED[key] ?? null]));
    const changed = Object.keys(data).filter((key) => JSON.stringify((before as Record<string, unknown>)[key]) !== JSON.stringify((data as Record<string, unknown>)[key]));
    if (changed.length === 0) return toApp(before);
    const app = await tx.app.update({ where: { id: before.id }, data });
    await recordAudit(tx, actor, { action: 'app.update', target: { type: 'app', id: app.id }, data: { fields: changed }, requestId });
    return toApp(app);
  });
  invalidateCatalogCache(); // names, tags and descriptions are what the catalog searches
  return updated;
}
