/**
 * The HTTP side of a core CachedAnswer (the map query's built JSON): `304 Not Modified` with no
 * body when the client already holds that content (`If-None-Match` names its ETag), else the
 * answer's bytes, encoded once when it was built.
 *
 * Compression is left to Next (`compress`, on by default), which gzips the body per request for
 * clients that accept it: Next 16 drops a `Content-Encoding` (and `Content-Length`) a Route Handler
 * sets (server/send-response.js), so an answer gzipped once here would go out unlabelled and be
 * gzipped a second time. `Cache-Control: private, no-cache`: the browser may keep the answer (it is
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
  return new Response(answer.bytes, { headers });
}
