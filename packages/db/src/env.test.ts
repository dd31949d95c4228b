import { describe, expect, it } from 'vitest';
import { readDbEnv, requireDatabaseUrl } from './env';

describe('readDbEnv', () => {
  it('defaults the embedded port and treats blank values as unset', () => {
    expect(readDbEnv({ DATABASE_URL: '  ', EMBEDDED_PG_PORT: '' })).toEqual({ EMBEDDED_PG_PORT: 54329, MECPORT_DATA_DIR: '.data' });
    expect(readDbEnv({ EMBEDDED_PG_PORT: '6000', DATABASE_URL: 'postgresql://u:p@h:5432/d' })).toEqual({
      DATABASE_URL: 'postgresql://u:p@h:5432/d',
      EMBEDDED_PG_PORT: 6000,
      MECPORT_DATA_DIR: '.data',
    });
    expect(readDbEnv({ MECPORT_DATA_DIR: '.data/e2e' }).MECPORT_DATA_DIR).toBe('.data/e2e');
  });
  it('rejects malformed values with the variable name', () => {
    expect(() => readDbEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    expect(() => readDbEnv({ EMBEDDED_PG_PORT: 'abc' })).toThrow(/EMBEDDED_PG_PORT/);
  });
  it('requireDatabaseUrl explains what to do when it is missing', () => {
    expect(() => requireDatabaseUrl({})).toThrow(/DATABASE_URL is not set/);
    expect(requireDatabaseUrl({ DATABASE_URL: 'postgres://h/d' })).toBe('postgres://h/d');
  });
});
