/**
 * Ratings: one per user per app, editable. The app row keeps the count and sum (catalog sort,
 * rating summary), recomputed in the same transaction under a lock on the app row so concurrent
 * ratings cannot lose an update.
 */
import type { TMyRating, TRatingInput } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { invalidateCatalogCache } from './catalog-cache';
import { findStoreApp } from '../apps/find-app';
import { ratingSummaryOf } from './social-mappers';

export async function putRating(db: DbClient, actor: TActor, appId: string, input: TRatingInput, requestId?: string): Promise<TMyRating> {
  const mine = await db.$transaction(async (tx) => {
    const app = await findStoreApp(tx, appId);
    await tx.$executeRaw`SELECT 1 FROM "app" WHERE "id" = ${app.id}::uuid FOR UPDATE`;
    const before = await tx.rating.findUnique({ where: { appId_subject: { appId: app.id, subject: actor.subject } } });
    const rating = await tx.rating.upsert({
      where: { appId_subject: { appId: app.id, subject: actor.subject } },
      create: { appId: app.id, subject: actor.subject, stars: input.stars },
      update: { stars: input.stars },
    });
    const totals = await tx.rating.aggregate({ where: { appId: app.id }, _count: { _all: true }, _sum: { stars: true } });
    const updated = await tx.app.update({ where: { id: app.id }, data: { ratingCount: totals._count._all, ratingSum: totals._sum.stars ?? 0 } });
    await recordAudit(tx, actor, { action: 'store.rating.put', target: { type: 'app', id: app.id }, data: { from: before?.stars ?? null, to: rating.stars }, requestId });
    return { stars: rating.stars, updatedAt: rating.updatedAt.toISOString(), summary: ratingSummaryOf(updated) };
  });
  invalidateCatalogCache();
  return mine;
}
