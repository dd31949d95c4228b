/**
 * The catalog's list: search (every word in the name, serNames, titles, descriptions or category,
 * English or Chinese), a category and kind filter, featured first then platform then by title, and
 * keyset pagination over that order. The categories facet counts what the caller may see before
 * the category filter, so the page can offer the others.
 *
 * @example
 *   const page = await listCapabilities(db, actor, ZCapabilityQuery.parse({ q: 'location' }), { offlineAfterSec: 30 });
 */
import { AppError, type TCapabilityPage, type TCapabilityQuery, type TCapabilitySummary } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { capabilitySummaries, type TCatalogCaller } from './capability-index';
import type { TLiveOptions } from './live-providers';

type TSortKey = [number, number, string, string];

const sortKey = (c: TCapabilitySummary): TSortKey => [c.featured ? 0 : 1, c.kind === 'platform' ? 0 : 1, c.title.toLowerCase(), c.name];

function compare(a: TSortKey, b: TSortKey): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function encodeCursor(key: TSortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): TSortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(key) && key.length === 4 && typeof key[0] === 'number' && typeof key[1] === 'number' && typeof key[2] === 'string' && typeof key[3] === 'string') return key as TSortKey;
  } catch { /* answered below */ }
  throw new AppError('validation', 'query.cursor: not a cursor this API issued', { errors: [{ in: 'query', field: 'cursor', message: 'not a cursor this API issued' }] });
}

export function matchesQuery(c: TCapabilitySummary, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [c.name, c.title, c.titleZh, c.description, c.descriptionZh, c.category, ...c.serNames].join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function categoriesOf(items: TCapabilitySummary[]): TCapabilityPage['categories'] {
  const counts = new Map<string, number>();
  for (const c of items) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => a.category.localeCompare(b.category));
}

export async function listCapabilities(db: DbClient, caller: TCatalogCaller, query: TCapabilityQuery, options: TLiveOptions): Promise<TCapabilityPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const matching = (await capabilitySummaries(db, caller, options)).filter((c) => (!query.kind || c.kind === query.kind) && matchesQuery(c, query.q));
  const category = query.category?.toLowerCase();
  const sorted = matching
    .filter((c) => !category || c.category.toLowerCase() === category)
    .map((c) => ({ c, key: sortKey(c) }))
    .sort((a, b) => compare(a.key, b.key))
    .filter((e) => !after || compare(e.key, after) > 0);
  const page = sorted.slice(0, query.limit);
  return {
    items: page.map((e) => e.c),
    nextCursor: sorted.length > query.limit ? encodeCursor(page[page.length - 1]!.key) : null,
    categories: categoriesOf(matching),
  };
}
