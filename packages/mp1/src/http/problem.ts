/**
 * Errors as MEC 011 ProblemDetails (`type`, `title`, `status`, `detail`, `instance`) in
 * `application/problem+json`, plus the house extensions `requestId` and `errors`. Mp1Errors keep
 * their message; anything else is logged and answered as a 500 that only names the request id.
 */
import { Mp1Error, problemType, type TFieldError, type TMp1ErrorCode } from '../errors';
import type { TMp1Logger } from '../logger';
import type { TMp1Response } from './types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<TMp1ErrorCode, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'Precondition failed',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
};

export interface TMp1Problem { type: string; title: string; status: number; detail: string; instance?: string; requestId: string; errors?: TFieldError[] }

export function problemResponse(problem: TMp1Problem, headers: Record<string, string> = {}): TMp1Response {
  return { status: problem.status, headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(problem) };
}

export function errorResponse(error: unknown, context: { requestId: string; instance?: string; log?: TMp1Logger }): TMp1Response {
  if (error instanceof Mp1Error) {
    return problemResponse({
      type: problemType(error.code), title: TITLES[error.code], status: error.status, detail: error.message,
      instance: context.instance, requestId: context.requestId, ...(error.errors ? { errors: error.errors } : {}),
    }, error.headers);
  }
  context.log?.error({ err: error, requestId: context.requestId }, 'Mp1 request failed');
  return problemResponse({
    type: problemType('internal'), title: 'Internal server error', status: 500,
    detail: `Something went wrong on the MEP. Quote request id ${context.requestId} when you report it.`, instance: context.instance, requestId: context.requestId,
  });
}
