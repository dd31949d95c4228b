/**
 * The pure part of a "load more" list: the request of a page and how a page joins the list.
 * Pages are the API's `{ items, nextCursor }`; `nextCursor` null means the list is complete.
 *
 * @example
 *   pagePath('/api/v1/edge/alarms?state=active&limit=20', 'abc')  // '...&limit=20&cursor=abc'
 *   mergePage([a, b], { items: [c], nextCursor: null }, 'abc')    // [a, b, c]
 */

export interface TPage<T> { items: T[]; nextCursor: string | null }

/** The request of the page at `cursor` (the first page: `path` itself). */
export function pagePath(path: string, cursor: string | null): string {
  if (!cursor) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ cursor })}`;
}

/**
 * The list after `page` arrived: the first page (no cursor) replaces it, a later page is appended.
 * With `keyOf`, items already listed are left out (a list that grows at its head while paging,
 * such as comments, would otherwise show an item twice).
 */
export function mergePage<T>(previous: T[] | null, page: TPage<T>, cursor: string | null, keyOf?: (item: T) => string): T[] {
  if (!cursor || !previous) return page.items;
  if (!keyOf) return [...previous, ...page.items];
  const listed = new Set(previous.map(keyOf));
  return [...previous, ...page.items.filter((item) => !listed.has(keyOf(item)))];
}
