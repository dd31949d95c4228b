/**
 * Errors as MEC 011 ProblemDetails (`type`, `title`, `status`, `detail`, `instance`) in
 * `application/problem+json`, plus the house extensions `requestId` and `errors`: the house's
 * problem document (`@mecport/contracts/problem`) on a node:http answer. AppErrors keep their
 * message; anything else is logged and answered as a 500 that only names the request id.
 */
import { AppError } from '@mecport/contracts/errors';
import { internalProblem, problemOf, type TProblem } from '@mecport/contracts/problem';
import type { TMp1Logger } from '../logger';
import type { TMp1Response } from './types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: TProblem, headers: Record<string, string> = {}): TMp1Response {
  return { status: problem.status, headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(problem) };
}

export function errorResponse(error: unknown, context: { requestId: string; instance?: string; log?: TMp1Logger }): TMp1Response {
  if (error instanceof AppError) return problemResponse(problemOf(error, context), error.headers);
  context.log?.error({ err: error, requestId: context.requestId }, 'Mp1 request failed');
  return problemResponse(internalProblem(context, 'on the MEP'));
}
