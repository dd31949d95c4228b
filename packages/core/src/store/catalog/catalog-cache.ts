/**
 * A short-lived, bounded, in-process cache of public catalog pages, in front of queryCatalog.
 *
 * Why it is honest: the catalog is public (no tenant, no user in the key, nothing per caller), and
 * a store's traffic repeats the same few searches and the front page. Why it stays correct:
 * - every store write of this process that changes what the catalog lists or how it reads
 *   (publish, deprecate, a listing edit, a rating) calls invalidateCatalogCache() after its
 *   commit, so this process never answers from before them. Downloads do not: they are frequent,
 *   and clearing every page on each would leave the cache empty when the store is busiest; the
 *   download counts shown lag by up to CATALOG_CACHE_TTL_MS, like writes of other processes;
 * - a page is never served once its query started CATALOG_CACHE_TTL_MS ago, so writes of other
 *   processes (another portal replica, the worker, a seed) show within that time. From
 *   CATALOG_CACHE_REFRESH_MS on, the first request starts one refresh and requests keep getting the
 *   cached page until it lands (stale-while-revalidate), so a page's expiry does not make every
 *   request for it wait for the database at once;
 * - at most CATALOG_CACHE_MAX_PAGES pages are kept (least recently used go first), concurrent
 *   requests for the same page share one query, and a failed query is not kept.
 * A request with `Cache-Control: no-cache` (or `Pragma: no-cache`) is answered from the database.
 *
 * @example
 * const page = await cachedCatalogPage(db, ZCatalogQuery.parse({ q: 'video' }), { cacheControl: request.headers.get('cache-control') });
 */
import type { TCatalogPage, TCatalogQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { queryCatalog } from './catalog';

export const CATALOG_CACHE_TTL_MS = 2_000;
export const CATALOG_CACHE_REFRESH_MS = 1_500;
export const CATALOG_CACHE_MAX_PAGES = 256;

interface TEntry { startedAt: number; page: Promise<TCatalogPage>; refresh?: TEntry }

// On globalThis: Next may load this module once per route bundle, and the publish route's
// invalidation must reach the catalog route's pages.
const CACHE_KEY = Symbol.for('mecport.store.catalogCache');
const holder = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, TEntry> };
const pages: Map<string, TEntry> = (holder[CACHE_KEY] ??= new Map());

/** The query's fields in a fixed order, so equal queries share a page whatever the URL's order. */
export function catalogCacheKey(query: TCatalogQuery): string {
  const { q, category, architecture, provider, certifiedOnly, sort, limit, cursor } = query;
  return JSON.stringify([q ?? null, category ?? null, architecture ?? null, provider ?? null, certifiedOnly, sort ?? null, limit, cursor ?? null]);
}

/** Whether the request's Cache-Control or Pragma asks for a fresh answer. */
export function wantsFreshCatalog(cacheControl: string | null | undefined, pragma?: string | null): boolean {
  return /(^|,)\s*(no-cache|no-store|max-age=0)\s*(,|$)/i.test(cacheControl ?? '') || /no-cache/i.test(pragma ?? '');
}

export interface TCatalogCacheOptions {
  cacheControl?: string | null;
  pragma?: string | null;
  /** The clock (tests). */
  now?: number;
}

/** Puts the entry last in Map order (the recency order) and drops the least recently used beyond the bound. */
function remember(key: string, entry: TEntry): void {
  pages.delete(key);
  pages.set(key, entry);
  while (pages.size > CATALOG_CACHE_MAX_PAGES) pages.delete(pages.keys().next().value as string);
}

function startQuery(db: DbClient, query: TCatalogQuery, key: string, now: number): TEntry {
  const entry: TEntry = { startedAt: now, page: queryCatalog(db, query) };
  entry.page.catch(() => { if (pages.get(key) === entry) pages.delete(key); });
  return entry;
}

/** Starts the entry's one refresh; the refresh replaces the entry when it succeeds. */
function startRefresh(db: DbClient, query: TCatalogQuery, key: string, entry: TEntry, now: number): void {
  const refresh = startQuery(db, query, key, now);
  entry.refresh = refresh;
  refresh.page.then(
    () => { if (pages.get(key) === entry) remember(key, refresh); },
    () => { if (entry.refresh === refresh) entry.refresh = undefined; },
  );
}

export function cachedCatalogPage(db: DbClient, query: TCatalogQuery, options: TCatalogCacheOptions = {}): Promise<TCatalogPage> {
  const key = catalogCacheKey(query);
  const now = options.now ?? Date.now();
  let entry = wantsFreshCatalog(options.cacheControl, options.pragma) ? undefined : pages.get(key);
  if (entry && now - entry.startedAt >= CATALOG_CACHE_TTL_MS && entry.refresh) entry = entry.refresh; // too old: wait for its refresh
  if (entry && now - entry.startedAt < CATALOG_CACHE_TTL_MS) {
    if (now - entry.startedAt >= CATALOG_CACHE_REFRESH_MS && !entry.refresh) startRefresh(db, query, key, entry, now);
    remember(key, entry);
    return entry.page;
  }
  const fresh = startQuery(db, query, key, now);
  remember(key, fresh);
  return fresh.page;
}

/** Forgets every cached page. Call it after (never before) the commit of a write the catalog shows. */
export function invalidateCatalogCache(): void {
  pages.clear();
}

/** How many pages are cached (tests). */
export function catalogCacheSize(): number {
  return pages.size;
}
