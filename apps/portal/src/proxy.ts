/** Gives every request and response an x-request-id, so browser, logs and API errors line up. */
import { REQUEST_ID_HEADER, requestIdOf } from '@mecport/http/request-id';
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdOf(request);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// Not the resumable upload endpoint: a proxy makes Next buffer request bodies (10 MB cap), and
// its route handlers set x-request-id themselves.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|api/v1/uploads).*)'] };
