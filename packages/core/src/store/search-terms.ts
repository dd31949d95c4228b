/**
 * Splits a catalog search into terms and builds the SQL that matches them against app.search_text
 * (name, Chinese name, provider, tags, both descriptions; trigram GIN index).
 *
 * Every term must match: as a substring (ILIKE, which the trigram index serves and which finds a
 * two-character Chinese word: pg_trgm treats CJK text without spaces as one long word, so trigram
 * similarity alone is weak there), or, for terms of four or more characters, by word similarity
 * (`<%`, typo tolerance for English words).
 */
import { Prisma } from '@mecport/db';

export const MAX_SEARCH_TERMS = 8;

export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/[\s,，、;；]+/u).filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
}

/** `%term%` with LIKE's wildcards escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchCondition(terms: string[]): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(
    terms.map((term) => (term.length >= 4
      ? Prisma.sql`(a."search_text" ILIKE ${likePattern(term)} OR ${term} <% a."search_text")`
      : Prisma.sql`a."search_text" ILIKE ${likePattern(term)}`)),
    ' AND ',
  );
}

/** Relevance: a name match first, then pg_trgm word similarity of the whole query. */
export function relevanceScore(q: string, terms: string[]): Prisma.Sql {
  const nameHits = terms.length === 0 ? Prisma.sql`0` : Prisma.join(
    terms.map((term) => Prisma.sql`(CASE WHEN a."name" ILIKE ${likePattern(term)} OR a."name_zh" ILIKE ${likePattern(term)} THEN 1 ELSE 0 END)`),
    ' + ',
  );
  return Prisma.sql`((${nameHits})::float8 + word_similarity(${q.toLowerCase()}, a."search_text")::float8)`;
}
