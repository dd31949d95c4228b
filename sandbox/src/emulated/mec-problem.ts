/**
 * Errors of the emulated MEC APIs as RFC 9457 problem+json in the shape of the specs'
 * ProblemDetails (`type`, `title`, `status`, `detail`, `instance`) plus the house's `requestId`
 * and field `errors`: AppErrors through the house's one mapping (`@mecport/contracts/problem`),
 * and 422 "not emulated" (MEC 012 and 013 answer an unsupported subscription type with 422).
 */
import type { Context, Hono } from 'hono';
import { AppError } from '@mecport/contracts/errors';
import { internalProblem, problemOf, type TProblem } from '@mecport/contracts/problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const REQUEST_ID_HEADER = 'x-request-id';

/** The spec's 422: the request is well formed but asks for what the sandbox does not emulate. */
export class NotEmulatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEmulatedError';
  }
}

function problemContext(c: Context) {
  return { requestId: c.req.header(REQUEST_ID_HEADER) ?? crypto.randomUUID(), instance: c.req.url };
}

export function problemOfError(error: unknown, c: Context): TProblem {
  const context = problemContext(c);
  if (error instanceof AppError) return problemOf(error, context);
  if (error instanceof NotEmulatedError) {
    return { type: 'urn:mecport:problem:not-emulated', title: 'Not emulated by the sandbox', status: 422, detail: error.message, ...context };
  }
  return internalProblem(context, 'in the emulated MEC service');
}

function problemJson(problem: TProblem): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': PROBLEM_CONTENT_TYPE, [REQUEST_ID_HEADER]: problem.requestId } });
}

/** Every error and every unknown path of `app` answers problem+json. */
export function answerProblems(app: Hono, log?: (error: unknown) => void): void {
  app.onError((error, c) => {
    if (!(error instanceof AppError) && !(error instanceof NotEmulatedError)) log?.(error);
    return problemJson(problemOfError(error, c));
  });
  app.notFound((c) => problemJson(problemOfError(new AppError('not-found', `No resource at ${new URL(c.req.url).pathname}`), c)));
}
