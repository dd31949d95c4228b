/** Gives every page request and response an x-request-id, so browser, logs and API errors line up. */
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

// API paths never reach Next (the API server answers them, apps/api) and set their own request ids.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|api/|app_pkgm/).*)'] };
