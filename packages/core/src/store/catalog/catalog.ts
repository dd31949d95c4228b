/**
 * The public catalog: apps with at least one published (not deprecated) version, searched by
 * English or Chinese words, filtered, sorted, and paged with an opaque keyset cursor.
 *
 * Everything it filters and sorts on is a column of the app row (the listing that the database
 * keeps in step with the published versions, see the store_listing migration), so one scan of app
 * ranks the matches and keeps the top page, and only that page's rows are read in full.
 *
 * @example
 * const page = await queryCatalog(db, ZCatalogQuery.parse({ q: '视频', sort: 'downloads' }));
 */
import type { TArchitecture, TCatalogItem, TCatalogPage, TCatalogQuery, TCatalogSort } from '@mecport/contracts';
import { Prisma, type DbClient } from '@mecport/db';
import { decodeCatalogCursor, encodeCatalogCursor, type TCatalogCursor } from './catalog-cursor';
import { ratingSummaryOf } from './social-mappers';
import { planSearch, relevanceScore, searchCondition, searchTerms, type TSearchTerm } from './search-terms';

const EXCERPT_CHARS = 240;

interface TCatalogRow {
  id: string; slug: string; name: string; name_zh: string | null; provider: string; category: string; industry: string | null; tags: string[];
  icon_url: string | null; excerpt_en: string; excerpt_zh: string; download_count: number; rating_count: number; rating_sum: number;
  published_architectures: string[] | null; certified: boolean; latest_version_id: string; latest_version: string; latest_architecture: string;
  latest_published_at: Date; latest_certified: boolean; sort_key: Date | number;
}

function sortKeyOf(sort: TCatalogSort, terms: TSearchTerm[]): Prisma.Sql {
  switch (sort) {
    case 'newest': return Prisma.sql`a."latest_published_at"`;
    case 'downloads': return Prisma.sql`a."download_count"`;
    case 'rating': return Prisma.sql`a."rating_average"`;
    case 'relevance': return relevanceScore(terms);
  }
}

/** Rows after the cursor's, typed like the sort key so that the sort's index serves the comparison. */
function keysetCondition(sortKey: Prisma.Sql, after: TCatalogCursor | undefined): Prisma.Sql {
  if (!after) return Prisma.sql`TRUE`;
  const key = after.sort === 'newest' ? Prisma.sql`${new Date(after.key)}::timestamptz`
    : after.sort === 'downloads' ? Prisma.sql`${after.key}::int` : Prisma.sql`${after.key}::float8`;
  return Prisma.sql`(${sortKey}, a."id") < (${key}, ${after.id}::uuid)`;
}

function filtersOf(query: TCatalogQuery, terms: TSearchTerm[]): Prisma.Sql {
  const filters: Prisma.Sql[] = [Prisma.sql`a."latest_version_id" IS NOT NULL`, searchCondition(terms)];
  if (query.category) filters.push(Prisma.sql`a."category" = ${query.category}`);
  if (query.provider) filters.push(Prisma.sql`a."provider" = ${query.provider}`);
  if (query.architecture) filters.push(Prisma.sql`${query.architecture} = ANY(a."published_architectures")`);
  if (query.certifiedOnly) filters.push(Prisma.sql`a."certified"`);
  return Prisma.join(filters, ' AND ');
}

function toItem(row: TCatalogRow): TCatalogItem {
  return {
    id: row.id, slug: row.slug, name: row.name, nameZh: row.name_zh, provider: row.provider, category: row.category as TCatalogItem['category'], industry: row.industry,
    tags: row.tags, iconUrl: row.icon_url, excerptEn: row.excerpt_en, excerptZh: row.excerpt_zh,
    latestVersion: {
      id: row.latest_version_id, version: row.latest_version, architecture: row.latest_architecture as TArchitecture,
      publishedAt: row.latest_published_at.toISOString(), certified: row.latest_certified,
    },
    architectures: [...(row.published_architectures ?? [])].sort() as TArchitecture[], certified: row.certified, downloads: row.download_count,
    rating: ratingSummaryOf({ ratingCount: row.rating_count, ratingSum: row.rating_sum }),
  };
}

export async function queryCatalog(db: DbClient, query: TCatalogQuery): Promise<TCatalogPage> {
  const words = searchTerms(query.q);
  const sort: TCatalogSort = query.sort ?? (words.length > 0 ? 'relevance' : 'newest');
  const after = query.cursor ? decodeCatalogCursor(query.cursor, sort) : undefined;
  const terms = await planSearch(db, words);
  const sortKey = sortKeyOf(sort, terms);

  // The inner query ranks narrow (id, key) tuples and keeps the page; the outer one reads those rows.
  const rows = await db.$queryRaw<TCatalogRow[]>`
    SELECT a."id", a."slug", a."name", a."name_zh", a."provider", a."category", a."industry", a."tags", a."icon_url",
           left(a."description_en", ${EXCERPT_CHARS}) AS excerpt_en, left(a."description_zh", ${EXCERPT_CHARS}) AS excerpt_zh,
           a."download_count", a."rating_count", a."rating_sum", a."published_architectures", a."certified",
           a."latest_version_id", a."latest_version", a."latest_architecture", a."latest_published_at", a."latest_certified", top.sort_key
    FROM (
      SELECT a."id", ${sortKey} AS sort_key FROM "app" a
      WHERE ${filtersOf(query, terms)} AND ${keysetCondition(sortKey, after)}
      ORDER BY sort_key DESC, a."id" DESC
      LIMIT ${query.limit + 1}
    ) top
    JOIN "app" a ON a."id" = top."id"
    ORDER BY top.sort_key DESC, top."id" DESC`;

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last
    ? encodeCatalogCursor({ sort, key: last.sort_key instanceof Date ? last.sort_key.toISOString() : Number(last.sort_key), id: last.id })
    : null;
  return { items: page.map(toItem), nextCursor };
}
