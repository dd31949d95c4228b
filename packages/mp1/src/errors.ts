/**
 * The error type Mp1 code throws; `http/problem.ts` maps it to ProblemDetails. Same codes and
 * problem type URIs as the house AppError (`@mecport/contracts`), defined here because importing
 * that package's index costs the agent about 16 MB of RSS (every contract schema is built).
 *
 * @example throw new Mp1Error('not-found', 'No DNS rule dns-9 for app instance app-1');
 */
export const MP1_ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
} as const;

export type TMp1ErrorCode = keyof typeof MP1_ERROR_STATUS;

/** One offending input field, named by where it was and its dotted path (as the house problem's `errors`). */
export interface TFieldError { in: 'body' | 'query' | 'params' | 'header'; field: string; message: string }

export class Mp1Error extends Error {
  readonly code: TMp1ErrorCode;
  readonly errors?: TFieldError[];
  /** Response headers the error implies (WWW-Authenticate, Allow). */
  readonly headers?: Record<string, string>;

  constructor(code: TMp1ErrorCode, message: string, options?: { errors?: TFieldError[]; headers?: Record<string, string> }) {
    super(message);
    this.name = 'Mp1Error';
    this.code = code;
    this.errors = options?.errors;
    this.headers = options?.headers;
  }

  get status(): number {
    return MP1_ERROR_STATUS[this.code];
  }
}

/** The house's stable problem type URIs (`urn:mecport:problem:<code>`). */
export function problemType(code: TMp1ErrorCode | 'internal'): string {
  return `urn:mecport:problem:${code}`;
}
