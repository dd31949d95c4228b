/** Ratings and comments rows to the contracts' response shapes. */
import type { TComment, TRatingSummary } from '@mecport/contracts';

export function ratingSummaryOf(row: { ratingCount: number; ratingSum: number }): TRatingSummary {
  return { average: row.ratingCount > 0 ? Math.round((row.ratingSum / row.ratingCount) * 100) / 100 : null, count: row.ratingCount };
}

export function toComment(row: { id: string; appId: string; authorName: string; body: string; createdAt: Date }): TComment {
  return { id: row.id, appId: row.appId, authorName: row.authorName, body: row.body, createdAt: row.createdAt.toISOString() };
}
