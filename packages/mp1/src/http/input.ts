/** Reading and validating what an app sends: JSON bodies and query strings, checked with zod. */
import type { z } from 'zod';
import { Mp1Error, type TFieldError } from '../errors';
import type { TMp1Request, TMp1Response } from './types';

/** Mp1 bodies are small (a ServiceInfo is a few hundred bytes); this bounds what one request can make the MEP hold. */
export const MAX_BODY_BYTES = 64 * 1024;

export function validationError(errors: TFieldError[]): Mp1Error {
  const first = errors[0];
  const summary = first ? `${first.in}.${first.field}: ${first.message}` : 'invalid input';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new Mp1Error('validation', `${summary}${more}`, { errors });
}

export function parseInput<T extends z.ZodType>(where: TFieldError['in'], schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error.issues.map((issue) => ({ in: where, field: issue.path.map(String).join('.') || '(root)', message: issue.message })));
}

/** Repeated query keys become arrays so list parameters can be validated as lists. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

export function readJson(req: TMp1Request): unknown {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new Mp1Error('unsupported-media-type', `Send the body as application/json (got ${type || 'no content-type'})`);
  if ((req.body?.length ?? 0) > MAX_BODY_BYTES) throw new Mp1Error('payload-too-large', `Mp1 request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const text = req.body?.toString('utf8') ?? '';
  if (text.trim() === '') throw validationError([{ in: 'body', field: '(root)', message: 'a JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw validationError([{ in: 'body', field: '(root)', message: `the body is not valid JSON: ${(e as Error).message}` }]);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): TMp1Response {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function noContent(): TMp1Response {
  return { status: 204, headers: {} };
}
