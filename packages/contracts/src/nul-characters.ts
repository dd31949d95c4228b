/**
 * One decision for every string a client sends: no NUL character (U+0000). PostgreSQL cannot
 * store it in text or jsonb, so a NUL that reached a query answered 500; refusing it where input is
 * parsed makes it a 400 naming the field, for every route of every server at once.
 * Loads nothing but the field-error type (the agent's Mp1 server imports it through `./input`).
 *
 * @example nulFieldErrors('query', { q: 'ab\u0000cd' }) // [{ in: 'query', field: 'q', message: 'must not contain …' }]
 */
import type { TFieldError } from './errors';

export const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';

type TWhere = TFieldError['in'];

/** Every field (values and object keys, at any depth) of a parsed JSON value or query object holding a NUL. */
export function nulFieldErrors(where: TWhere, input: unknown): TFieldError[] {
  const errors: TFieldError[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) errors.push({ in: where, field: fieldName(path), message: NUL_MESSAGE });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        // A NUL in a key is named by the key's printable form, so the message stays readable.
        if (key.includes('\u0000')) errors.push({ in: where, field: fieldName([...path, key.replaceAll('\u0000', '\\u0000')]), message: NUL_MESSAGE });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(input, []);
  return errors;
}

function fieldName(path: string[]): string {
  return path.join('.') || '(root)';
}
