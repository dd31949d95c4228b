import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's (or the proxy's) request id when it is well-formed, so logs line up across hops. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}
