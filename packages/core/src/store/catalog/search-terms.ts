/**
 * Splits a catalog search into terms and builds the SQL that matches and ranks them. The haystacks
 * are generated columns of app, lower-cased when the row is written (see the store_listing
 * migration): search_text (names, provider, tags, both descriptions), search_name (the names) and
 * search_keywords (names, provider, tags).
 *
 * Every term must match as a substring of search_text (LIKE, which finds a two-character Chinese
 * word: pg_trgm treats CJK text without spaces as one long word, so trigram similarity alone is weak
 * there). Typo tolerance: a term of four or more characters that no listed app contains as written
 * also matches names by word similarity (`<%`). It is limited to such terms and to the names because
 * pg_trgm's functions cost microseconds per row: over every description of a large catalog, on every
 * search, that was most of the time a search took.
 */
import { Prisma, type DbExecutor } from '@mecport/db';

export const MAX_SEARCH_TERMS = 8;
/** Shorter terms are never typo candidates: too few trigrams to tell a typo from another word. */
export const FUZZY_MIN_CHARS = 4;

export interface TSearchTerm {
  text: string;
  /** Typo tolerance on: the term matches no listed app as written. */
  fuzzy: boolean;
}

export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/[\s,，、;；]+/u).filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
}

/** `%term%` with LIKE's wildcards escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The term as a LIKE pattern, lower-cased by PostgreSQL exactly as the haystacks were. */
function pattern(term: string): Prisma.Sql {
  return Prisma.sql`lower(${likePattern(term)})`;
}

/** Decides which terms are typo candidates, in one round trip (an EXISTS stops at the first listed app that matches). */
export async function planSearch(db: DbExecutor, terms: string[]): Promise<TSearchTerm[]> {
  const candidates = terms.filter((term) => [...term].length >= FUZZY_MIN_CHARS);
  if (candidates.length === 0) return terms.map((text) => ({ text, fuzzy: false }));
  const probes = candidates.map((term) => Prisma.sql`EXISTS (SELECT 1 FROM "app" WHERE "latest_version_id" IS NOT NULL AND "search_text" LIKE ${pattern(term)})`);
  const [row] = await db.$queryRaw<{ found: boolean[] }[]>`SELECT ARRAY[${Prisma.join(probes)}] AS found`;
  const found = new Map(candidates.map((term, i) => [term, row?.found[i] ?? true]));
  return terms.map((text) => ({ text, fuzzy: found.get(text) === false }));
}

export function searchCondition(terms: TSearchTerm[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(
    terms.map(({ text, fuzzy }) => (fuzzy
      ? Prisma.sql`(a."search_text" LIKE ${pattern(text)} OR ${text} <% a."search_name")`
      : Prisma.sql`a."search_text" LIKE ${pattern(text)}`)),
    ' AND ',
  );
}

/** Three points for a name that contains the term (or nearly, for a typo candidate), one for provider or tags. */
function points({ text, fuzzy }: TSearchTerm): Prisma.Sql {
  return fuzzy
    ? Prisma.sql`3 * (a."search_name" LIKE ${pattern(text)} OR ${text} <% a."search_name")::int + (a."search_keywords" LIKE ${pattern(text)})::int`
    : Prisma.sql`2 * (a."search_name" LIKE ${pattern(text)})::int + (a."search_keywords" LIKE ${pattern(text)})::int`;
}

/**
 * Relevance: the points of every term, then popularity (downloads / (downloads + 1), below one
 * point) breaks ties. A single float, so the catalog's (key, id) cursor pages it like the other sorts.
 */
export function relevanceScore(terms: TSearchTerm[]): Prisma.Sql {
  const sum = terms.length === 0 ? Prisma.sql`0` : Prisma.join(terms.map(points), ' + ');
  return Prisma.sql`((${sum})::float8 + a."download_count"::float8 / (a."download_count" + 1))`;
}
