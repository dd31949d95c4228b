/**
 * The HTTP side of a core CachedAnswer (the map query's built JSON): `304 Not Modified` with no
 * body when the client already holds that content (`If-None-Match` names its ETag), else the
 * answer's bytes, encoded once when it was built, and gzipped once (CachedAnswer.gzipped) for
 * clients that accept gzip, as every browser does. (Under Next, which gzipped route handlers' bodies
 * per request and dropped a Content-Encoding they set, this could not be done once.)
 * `Cache-Control: private, no-cache`: the browser may keep the answer (it is
 * the tenant's own) but must revalidate it on every read, which the ETag turns into a 304 while
 * the nodes are unchanged.
 *
 * @example
 *   return cachedAnswerResponse(request, await cache.answer(db, tenantId, query, options));
 */
import type { CachedAnswer } from '@mecport/core';
import { etagMatches } from '@mecport/http';

export function cachedAnswerResponse(request: Request, answer: CachedAnswer): Response {
  const headers = new Headers({ etag: answer.etag, 'cache-control': 'private, no-cache' });
  if (etagMatches(request.headers.get('if-none-match'), answer.etag)) return new Response(null, { status: 304, headers });
  headers.set('content-type', 'application/json');
  headers.set('vary', 'accept-encoding');
  if (answer.bytes.byteLength < MIN_GZIP_BYTES || !acceptsGzip(request.headers.get('accept-encoding'))) return new Response(answer.bytes, { headers });
  headers.set('content-encoding', 'gzip');
  return new Response(answer.gzipped, { headers });
}

/** Below this, gzip saves less than its header and the CPU costs more (Next's threshold too). */
const MIN_GZIP_BYTES = 1024;

/** Whether Accept-Encoding lists gzip (or `*`) without `q=0`. */
export function acceptsGzip(header: string | null): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && !(q && Number(q.slice(2)) === 0);
  });
}
