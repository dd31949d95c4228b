/**
 * Input parsing with zod into the house's field errors: a failed parse becomes an
 * `AppError('validation')` naming every offending field. Transport-free, so both servers use it
 * (`@mecport/http` for web requests, `@mecport/mp1` on node:http through
 * `@mecport/contracts/input`, which loads only this, `./errors`, `./nul-characters` and zod).
 * Before the schema runs, any string holding a NUL is refused (see `./nul-characters`), so no
 * route needs to think of it.
 *
 * @example const query = parsePart('query', ZPageQuery, queryObject(new URL(request.url)));
 */
import type { z } from 'zod';
import { AppError, type TFieldError } from './errors';
import { nulFieldErrors } from './nul-characters';

type TWhere = TFieldError['in'];

export function fieldErrors(where: TWhere, error: z.ZodError): TFieldError[] {
  return error.issues.map((issue) => ({ in: where, field: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

export function validationError(errors: TFieldError[]): AppError {
  const first = errors[0];
  const summary = first ? `${first.in}.${first.field}: ${first.message}` : 'invalid input';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new AppError('validation', `${summary}${more}`, { errors });
}

export function parsePart<T extends z.ZodType>(where: TWhere, schema: T, input: unknown): z.infer<T> {
  const nul = nulFieldErrors(where, input);
  if (nul.length > 0) throw validationError(nul);
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrors(where, result.error));
  return result.data;
}

/** Query strings become objects; repeated keys become arrays so schemas can accept lists. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}
