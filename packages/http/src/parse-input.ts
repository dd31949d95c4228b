/** Parses a request's params, query and JSON body with zod, turning failures into named field errors. */
import { AppError, type TFieldError } from '@mecport/contracts';
import type { z } from 'zod';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

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

export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('unsupported-media-type', `Send the body as application/json (got ${type || 'no content-type'})`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('payload-too-large', `JSON bodies are limited to ${maxBytes} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('payload-too-large', `JSON bodies are limited to ${maxBytes} bytes`);
  if (text.trim() === '') throw validationError([{ in: 'body', field: '(root)', message: 'a JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw validationError([{ in: 'body', field: '(root)', message: `the body is not valid JSON: ${(e as Error).message}` }]);
  }
}
