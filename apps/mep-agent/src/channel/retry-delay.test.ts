import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { PortalError } from './portal-client';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from './retry-delay';

const backoff = (random: () => number) => new Backoff({ baseMs: 1000, maxMs: 30_000, random });

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-04T18:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Fri, 04 Dec 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 17:00:00 GMT', now)).toBe(0); // a date gone by: at once
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('waits the backoff (with jitter) when the server named no time, and says the wait may end early', () => {
    const low = backoff(() => 0);
    expect(retryDelay(new Error('ECONNREFUSED'), low, { random: () => 0 })).toEqual({ ms: 500, binding: false });
    expect(retryDelay(new PortalError(500, 'boom'), low, { random: () => 0 })).toEqual({ ms: 1000, binding: false });
  });

  it('waits at least Retry-After, spread by up to half again, and holds to it', () => {
    expect(retryDelay(new PortalError(503, 'busy', 4000), backoff(() => 0), { random: () => 0 })).toEqual({ ms: 4000, binding: true });
    expect(retryDelay(new PortalError(503, 'busy', 4000), backoff(() => 0), { random: () => 1 })).toEqual({ ms: 6000, binding: true });
  });

  it('keeps backing off past a short Retry-After when refusals go on', () => {
    const b = backoff(() => 1);
    const waits = Array.from({ length: 6 }, () => retryDelay(new PortalError(503, 'busy', 2000), b, { random: () => 0 }).ms);
    expect(waits).toEqual([2000, 2000, 4000, 8000, 16_000, 30_000]);
  });

  it('caps what a server may ask for', () => {
    expect(retryDelay(new PortalError(503, 'busy', 86_400_000), backoff(() => 0), { random: () => 1 }).ms).toBe(MAX_RETRY_AFTER_MS);
  });
});
