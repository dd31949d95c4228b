/**
 * The catalog's opaque cursor. Unlike the (createdAt, id) cursor of shared/keyset-cursor.ts,
 * which the store's other lists reuse, the catalog sorts by a number or a time depending on
 * `sort`, so its cursor carries the sort it was issued for and the key of the last item; a cursor
 * from another sort is refused.
 */
import { AppError, type TCatalogSort } from '@mecport/contracts';

export interface TCatalogCursor { sort: TCatalogSort; key: number | string; id: string }

export function encodeCatalogCursor(cursor: TCatalogCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

function invalid(message: string): AppError {
  return new AppError('validation', `query.cursor: ${message}`, { errors: [{ in: 'query', field: 'cursor', message }] });
}

export function decodeCatalogCursor(raw: string, sort: TCatalogSort): TCatalogCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    throw invalid('not a cursor this API issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('not a cursor this API issued');
  const [cursorSort, key, id] = parsed as unknown[];
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw invalid('not a cursor this API issued');
  if (cursorSort !== sort) throw invalid(`this cursor belongs to sort=${String(cursorSort)}, not sort=${sort}`);
  if (sort === 'newest' ? typeof key !== 'string' || Number.isNaN(Date.parse(key)) : typeof key !== 'number' || !Number.isFinite(key)) throw invalid('not a cursor this API issued');
  return { sort, key: key as number | string, id };
}
