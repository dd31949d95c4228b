/** The one mapper from thrown errors to RFC 9457 `application/problem+json` responses. */
import { AppError, problemType, type TProblem } from '@mecport/contracts';
import type { Logger } from './logger';
import { REQUEST_ID_HEADER } from './request-id';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<AppError['code'], string> = {
  'bad-request': 'Bad request',
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'not-implemented': 'Not implemented yet',
  unavailable: 'Service unavailable',
};

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
    const headers: Record<string, string> = error.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {};
    return problemResponse(
      // Extensions first, so that none can overwrite a standard member such as `status`.
      { ...error.extensions, type: problemType(error.code), title: TITLES[error.code], status: error.status, detail: error.message, instance: context.instance, requestId: context.requestId, ...(error.errors ? { errors: error.errors } : {}) },
      headers,
    );
  }
  context.log?.error({ err: error, requestId: context.requestId }, 'unhandled error');
  return problemResponse({
    type: problemType('internal'), title: 'Internal server error', status: 500,
    detail: `Something went wrong on our side. Quote request id ${context.requestId} when you report it.`,
    instance: context.instance, requestId: context.requestId,
  });
}
