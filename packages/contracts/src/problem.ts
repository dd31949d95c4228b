/**
 * RFC 9457 problem details as MECport answers them, and the one mapping from an error to that
 * document: each server only adds its transport (`@mecport/http` a web `Response`, `@mecport/mp1`
 * a node:http answer). Importable alone as `@mecport/contracts/problem` (zod, `./errors` and `./not-found` only).
 */
import { z } from 'zod';
import { ERROR_TITLES, problemType, type AppError } from './errors';
import { TENANT_RESOURCES } from './not-found';

export const ZFieldError = z.object({
  in: z.enum(['body', 'query', 'params', 'header']),
  field: z.string().describe('Dotted path of the offending field, e.g. `locale` or `items.0.name`'),
  message: z.string(),
});

export const ZProblem = z
  .object({
    type: z.string().describe('Stable problem type URI, e.g. urn:mecport:problem:validation'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().describe('Quote it when reporting a problem; the logs carry the same id'),
    errors: z.array(ZFieldError).optional(),
    // Machine fields clients may rely on (the portal renders its translated messages from them).
    resource: z.enum(TENANT_RESOURCES).optional().describe('not-found in your tenant: the kind of object, e.g. `edge-node`'),
    resourceId: z.string().optional().describe('not-found in your tenant: the id that was asked for'),
    reason: z.string().optional().describe('A stable code for why, where `type` alone does not say, e.g. `appd-id-taken` (with `appDId`)'),
  })
  .meta({ id: 'Problem' });
export type TProblem = z.infer<typeof ZProblem>;

/** Who answers a request, for the problem document. */
export interface TProblemContext { requestId: string; instance?: string }

/**
 * The problem document of an AppError: it keeps its message, code, field errors and extensions.
 * Any other error is logged by the caller and answered with `internalProblem`.
 *
 * @example problemOf(new AppError('not-found', 'No app 42'), { requestId }) // { status: 404, ... }
 */
export function problemOf(error: AppError, context: TProblemContext): TProblem {
  return {
    // Extensions first, so that none can overwrite a standard member such as `status`.
    ...error.extensions, type: problemType(error.code), title: ERROR_TITLES[error.code], status: error.status, detail: error.message,
    instance: context.instance, requestId: context.requestId, ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** The masked 500: it names only the request id (the detail goes to the log), and where it failed (`on the MEP`). */
export function internalProblem(context: TProblemContext, where = 'on our side'): TProblem {
  return {
    type: problemType('internal'), title: 'Internal server error', status: 500,
    detail: `Something went wrong ${where}. Quote request id ${context.requestId} when you report it.`,
    instance: context.instance, requestId: context.requestId,
  };
}
