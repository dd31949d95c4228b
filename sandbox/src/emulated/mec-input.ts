/**
 * Input of the emulated MEC APIs, validated with zod into the house's field errors (a 400
 * problem naming each offending field). Query lists are accepted both ways clients send them:
 * repeated keys (`zoneId=a&zoneId=b`, OpenAPI's default) and comma-separated (`cell_id=a,b`).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '@mecport/contracts/errors';
import { parsePart, queryObject } from '@mecport/contracts/input';

const MAX_BODY_BYTES = 64 * 1024;

/** An optional query list: values repeated or comma-separated, at most 1,000; numbers coerced by `item`. */
export const zQueryList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== '')),
    z.array(item).max(1000).optional(),
  );

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return parsePart('query', schema, queryObject(new URL(c.req.url)));
}

export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError('payload-too-large', `The body is longer than ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad-request', 'The body is not JSON');
  }
  return parsePart('body', schema, json);
}
