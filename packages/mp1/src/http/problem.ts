/**
 * Errors as MEC 011 ProblemDetails (`type`, `title`, `status`, `detail`, `instance`) in
 * `application/problem+json`, plus the house extensions `requestId` and `errors`. AppErrors keep
 * their message; anything else is logged and answered as a 500 that only names the request id.
 */
import { AppError, problemType, type TFieldError } from '@mecport/contracts';
import type { TMp1Logger } from '../logger';

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
  'not-implemented': 'Not implemented',
  unavailable: 'Service unavailable',
};

export interface TMp1Problem { type: string; title: string; status: number; detail: string; instance?: string; requestId: string; errors?: TFieldError[] }

export function problemResponse(problem: TMp1Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': problem.requestId } });
}

export function errorResponse(error: unknown, context: { requestId: string; instance?: string; log?: TMp1Logger }): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.code === 'unauthenticated') headers['www-authenticate'] = String(error.extensions?.wwwAuthenticate ?? 'Bearer realm="mp1"');
    if (error.code === 'method-not-allowed' && typeof error.extensions?.allow === 'string') headers.allow = error.extensions.allow;
    return problemResponse({
      type: problemType(error.code), title: TITLES[error.code], status: error.status, detail: error.message,
      instance: context.instance, requestId: context.requestId, ...(error.errors ? { errors: error.errors } : {}),
    }, headers);
  }
  context.log?.error({ err: error, requestId: context.requestId }, 'Mp1 request failed');
  return problemResponse({
    type: problemType('internal'), title: 'Internal server error', status: 500,
    detail: `Something went wrong on the MEP. Quote request id ${context.requestId} when you report it.`, instance: context.instance, requestId: context.requestId,
  });
}
