import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors';
import { parsePart } from './input';
import { NUL_MESSAGE, nulFieldErrors } from './nul-characters';

describe('nulFieldErrors', () => {
  it('names every field holding a NUL, at any depth, in values and keys', () => {
    const input = { q: 'ab\u0000cd', ok: 'fine', labels: { 'zo\u0000ne': 'x', site: ['a', 'b\u0000'] }, n: 3, none: null };
    expect(nulFieldErrors('body', input)).toEqual([
      { in: 'body', field: 'q', message: NUL_MESSAGE },
      { in: 'body', field: 'labels.zo\\u0000ne', message: NUL_MESSAGE },
      { in: 'body', field: 'labels.site.1', message: NUL_MESSAGE },
    ]);
  });

  it('finds nothing in clean input, and names the root for a bare string', () => {
    expect(nulFieldErrors('query', { q: 'ab cd', list: ['x'], n: 1, t: true })).toEqual([]);
    expect(nulFieldErrors('body', '\u0000')).toEqual([{ in: 'body', field: '(root)', message: NUL_MESSAGE }]);
  });
});

describe('parsePart refuses NUL for every schema', () => {
  const schema = z.object({ q: z.string().optional(), name: z.string() });

  it('throws a validation AppError naming the field before the schema runs', () => {
    const run = () => parsePart('query', schema, { q: 'ab\u0000cd', name: 'x' });
    expect(run).toThrow(AppError);
    try { run(); } catch (e) {
      const error = e as AppError;
      expect(error.code).toBe('validation');
      expect(error.errors).toEqual([{ in: 'query', field: 'q', message: NUL_MESSAGE }]);
      expect(error.message).toContain('query.q');
    }
  });

  it('refuses a NUL even where the schema would accept any string (z.any, passthrough)', () => {
    expect(() => parsePart('body', z.any(), { note: 'a\u0000' })).toThrow(/body\.note/);
    expect(parsePart('body', schema, { name: 'plain' })).toEqual({ name: 'plain' });
  });
});
