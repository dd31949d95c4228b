import { describe, expect, it } from 'vitest';
import { isTransient, RETRY_DELAYS, statusOf } from './upload-retry';

describe('upload retries', () => {
  it('retry a dropped connection, server errors and offset races, but not refusals', () => {
    for (const status of [0, 500, 502, 503, 409, 423, 429]) expect(isTransient(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 410, 413]) expect(isTransient(status), String(status)).toBe(false);
  });

  it('read the status of a tus error, 0 without a response', () => {
    expect(statusOf({ originalResponse: { getStatus: () => 503 } })).toBe(503);
    expect(statusOf({ originalResponse: null })).toBe(0);
    expect(statusOf({})).toBe(0);
  });

  it('wait longer each time, starting at once', () => {
    expect(RETRY_DELAYS[0]).toBe(0);
    for (let i = 1; i < RETRY_DELAYS.length; i += 1) expect(RETRY_DELAYS[i]!).toBeGreaterThan(RETRY_DELAYS[i - 1]!);
  });
});
