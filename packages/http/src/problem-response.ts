/** The one mapper from thrown errors to RFC 9457 `application/problem+json` responses. */
import { AppError, internalProblem, problemOf, type TProblem } from '@mecport/contracts';
import type { Logger } from './logger';
import { REQUEST_ID_HEADER } from './request-id';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: TProblem, headers?: Record<string, string>): Response {
  const h = new Headers(headers);
  h.set('content-type', PROBLEM_CONTENT_TYPE);
  h.set(REQUEST_ID_HEADER, problem.requestId);
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}

/**
 * Maps an error to a problem response. AppErrors keep their message; anything else is logged
 * with its stack and answered as a generic 500 that only carries the request id.
 */
export function errorToResponse(error: unknown, context: { requestId: string; instance?: string; log?: Logger }): Response {
  if (error instanceof AppError) {
    const challenge: Record<string, string> = error.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {};
    return problemResponse(problemOf(error, context), { ...challenge, ...error.headers });
  }
  context.log?.error({ err: error, requestId: context.requestId }, 'unhandled error');
  return problemResponse(internalProblem(context));
}
