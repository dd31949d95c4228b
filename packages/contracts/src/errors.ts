/**
 * The one error type domain code throws. `@mecport/http` (web `Response`) and `@mecport/mp1`
 * (node:http) map it to RFC 9457 problem+json; anything else that escapes a handler becomes a
 * masked 500. This file loads nothing (not even zod): hosts that count memory import it as
 * `@mecport/contracts/errors` rather than through the contracts index (ADR 0005).
 *
 * @example throw new AppError('not-found', 'No audit event 42 in your tenant');
 */
export const ERROR_STATUS = {
  'bad-request': 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'not-implemented': 501,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

/** The problem `title` of each code, one wording for every server of the house. */
export const ERROR_TITLES: Record<TErrorCode, string> = {
  'bad-request': 'Bad request',
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'Precondition failed',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'not-implemented': 'Not implemented yet',
  unavailable: 'Service unavailable',
};

/** One offending input field, named by where it was (`body`, `query`, `params`) and its dotted path. */
export interface TFieldError { in: 'body' | 'query' | 'params' | 'header'; field: string; message: string }

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly errors?: TFieldError[];
  readonly extensions?: Record<string, unknown>;
  /** Response headers the error implies (`WWW-Authenticate` with a challenge, `Allow`). */
  readonly headers?: Record<string, string>;

  constructor(code: TErrorCode, message: string, options?: { errors?: TFieldError[]; extensions?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options?.errors;
    this.extensions = options?.extensions;
    this.headers = options?.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Stable, documented problem type URI for an error code. */
export function problemType(code: TErrorCode | 'internal'): string {
  return `urn:mecport:problem:${code}`;
}
