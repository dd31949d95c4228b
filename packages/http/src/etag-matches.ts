/**
 * If-None-Match's weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal once `W/` is dropped.
 * Shared by the API's cached answers and the portal's basemap.
 *
 * @example etagMatches('"x", W/"abc"', 'W/"abc"') // true
 */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
