/**
 * The public catalog: apps with at least one published (not deprecated) version, searched by
 * English or Chinese words, filtered, sorted, and paged with an opaque keyset cursor.
 *
 * @example
 * const page = await queryCatalog(db, ZCatalogQuery.parse({ q: '视频', sort: 'downloads' }));
 */
import type { TArchitecture, TCatalogItem, TCatalogPage, TCatalogQuery, TCatalogSort } from '@mecport/contracts';
import { Prisma, type DbClient } from '@mecport/db';
import { decodeCatalogCursor, encodeCatalogCursor } from './catalog-cursor';
import { ratingSummaryOf } from './mappers';
import { relevanceScore, searchCondition, searchTerms } from './search-terms';

const EXCERPT_CHARS = 240;

interface TCatalogRow {
  id: string; slug: string; name: string; name_zh: string | null; provider: string; category: string; industry: string | null; tags: string[];
  icon_url: string | null; excerpt_en: string; excerpt_zh: string; download_count: number; rating_count: number; rating_sum: number;
  architectures: string[]; certified: boolean; lv_id: string; lv_version: string; lv_architecture: string; lv_published_at: Date; lv_certified: boolean;
  sort_key: Date | number;
}

function sortKeyOf(sort: TCatalogSort, q: string | undefined, terms: string[]): Prisma.Sql {
  switch (sort) {
    case 'newest': return Prisma.sql`vis.last_published_at`;
    case 'downloads': return Prisma.sql`a."download_count"::float8`;
    case 'rating': return Prisma.sql`(CASE WHEN a."rating_count" = 0 THEN 0 ELSE a."rating_sum"::float8 / a."rating_count" END)`;
    case 'relevance': return q ? relevanceScore(q, terms) : Prisma.sql`0::float8`;
  }
}

function toItem(row: TCatalogRow): TCatalogItem {
  return {
    id: row.id, slug: row.slug, name: row.name, nameZh: row.name_zh, provider: row.provider, category: row.category as TCatalogItem['category'], industry: row.industry,
    tags: row.tags, iconUrl: row.icon_url, excerptEn: row.excerpt_en, excerptZh: row.excerpt_zh,
    latestVersion: { id: row.lv_id, version: row.lv_version, architecture: row.lv_architecture as TArchitecture, publishedAt: row.lv_published_at.toISOString(), certified: row.lv_certified },
    architectures: [...row.architectures].sort() as TArchitecture[], certified: row.certified, downloads: row.download_count,
    rating: ratingSummaryOf({ ratingCount: row.rating_count, ratingSum: row.rating_sum }),
  };
}

export async function queryCatalog(db: DbClient, query: TCatalogQuery): Promise<TCatalogPage> {
  const terms = searchTerms(query.q);
  const sort: TCatalogSort = query.sort ?? (terms.length > 0 ? 'relevance' : 'newest');
  const after = query.cursor ? decodeCatalogCursor(query.cursor, sort) : undefined;
  const filters: Prisma.Sql[] = [searchCondition(terms)];
  if (query.category) filters.push(Prisma.sql`a."category" = ${query.category}`);
  if (query.provider) filters.push(Prisma.sql`a."provider" = ${query.provider}`);
  if (query.architecture) filters.push(Prisma.sql`${query.architecture} = ANY(vis.architectures)`);
  if (query.certifiedOnly) filters.push(Prisma.sql`vis.certified`);
  const keyset = !after ? Prisma.sql`TRUE`
    : sort === 'newest' ? Prisma.sql`(c.sort_key, c.id) < (${new Date(after.key)}::timestamptz, ${after.id}::uuid)`
      : Prisma.sql`(c.sort_key, c.id) < (${after.key}::float8, ${after.id}::uuid)`;

  const rows = await db.$queryRaw<TCatalogRow[]>`
    SELECT c.* FROM (
      SELECT a."id", a."slug", a."name", a."name_zh", a."provider", a."category", a."industry", a."tags", a."icon_url",
             left(a."description_en", ${EXCERPT_CHARS}) AS excerpt_en, left(a."description_zh", ${EXCERPT_CHARS}) AS excerpt_zh,
             a."download_count", a."rating_count", a."rating_sum", vis.architectures, vis.certified,
             lv."id" AS lv_id, lv."version" AS lv_version, lv."architecture" AS lv_architecture, lv."published_at" AS lv_published_at,
             (lv."certified_at" IS NOT NULL) AS lv_certified,
             ${sortKeyOf(sort, query.q, terms)} AS sort_key
      FROM "app" a
      JOIN (
        SELECT "app_id", max("published_at") AS last_published_at, array_agg(DISTINCT "architecture") AS architectures,
               bool_or("certified_at" IS NOT NULL) AS certified
        FROM "app_version" WHERE "status" = 'published' GROUP BY "app_id"
      ) vis ON vis."app_id" = a."id"
      CROSS JOIN LATERAL (
        SELECT v."id", v."version", v."architecture", v."published_at", v."certified_at" FROM "app_version" v
        WHERE v."app_id" = a."id" AND v."status" = 'published' ORDER BY v."published_at" DESC, v."id" DESC LIMIT 1
      ) lv
      WHERE ${Prisma.join(filters, ' AND ')}
    ) c
    WHERE ${keyset}
    ORDER BY c.sort_key DESC, c.id DESC
    LIMIT ${query.limit + 1}`;

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last
    ? encodeCatalogCursor({ sort, key: last.sort_key instanceof Date ? last.sort_key.toISOString() : Number(last.sort_key), id: last.id })
    : null;
  return { items: page.map(toItem), nextCursor };
}
