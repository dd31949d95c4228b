/**
 * Reading what an app sends: JSON bodies, bounded. Validation with zod (`parsePart`, `queryObject`)
 * is the house's, from `@mecport/contracts/input`.
 */
import { AppError } from '@mecport/contracts/errors';
import { validationError } from '@mecport/contracts/input';
import type { TMp1Request, TMp1Response } from './types';

/** Mp1 bodies are small (a ServiceInfo is a few hundred bytes); this bounds what one request can make the MEP hold. */
export const MAX_BODY_BYTES = 64 * 1024;

export function readJson(req: TMp1Request): unknown {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new AppError('unsupported-media-type', `Send the body as application/json (got ${type || 'no content-type'})`);
  if ((req.body?.length ?? 0) > MAX_BODY_BYTES) throw new AppError('payload-too-large', `Mp1 request bodies are limited to ${MAX_BODY_BYTES} bytes`);
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
