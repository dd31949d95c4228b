/**
 * The one error type domain code throws. `@mecport/http` maps it to RFC 9457 problem+json;
 * anything else that escapes a handler becomes a masked 500.
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
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'not-implemented': 501,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

/** One offending input field, named by where it was (`body`, `query`, `params`) and its dotted path. */
export interface TFieldError { in: 'body' | 'query' | 'params' | 'header'; field: string; message: string }

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly errors?: TFieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(code: TErrorCode, message: string, options?: { errors?: TFieldError[]; extensions?: Record<string, unknown>; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options?.errors;
    this.extensions = options?.extensions;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Stable, documented problem type URI for an error code. */
export function problemType(code: TErrorCode | 'internal'): string {
  return `urn:mecport:problem:${code}`;
}
