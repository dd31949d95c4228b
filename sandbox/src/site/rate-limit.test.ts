import { describe, expect, it } from 'vitest';
import { RateLimit } from './rate-limit';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimit', () => {
  it('lets a burst of one second through, then as many a second as the rate', () => {
    const time = clock();
    const floods: string[] = [];
    const limit = new RateLimit(10, { now: time.now, onFlood: (r) => floods.push(r) });
    expect(Array.from({ length: 12 }, () => limit.take())).toEqual([...Array(10).fill(true), false, false]);
    expect(limit.retryAfterSec()).toBe(1);
    time.advance(500);
    expect(Array.from({ length: 6 }, () => limit.take())).toEqual([...Array(5).fill(true), false]);
    expect(floods).toEqual([]);
  });

  it('calls it a flood when refusals go on for the flood time without a quiet second, once, with the numbers', () => {
    const time = clock();
    const floods: string[] = [];
    const limit = new RateLimit(10, { now: time.now, floodAfterMs: 5000, onFlood: (r) => floods.push(r) });
    for (let ms = 0; ms <= 6000; ms += 10) {
      limit.take();
      time.advance(10);
    }
    expect(floods).toHaveLength(1);
    expect(floods[0]).toMatch(/^the app flooded the MEC APIs: \d+ requests in 5\.\d s \(\d+\/s\) against a limit of 10\/s; \d+ were refused with 429$/);
  });

  it('forgives refusals separated by a quiet second', () => {
    const time = clock();
    const floods: string[] = [];
    const limit = new RateLimit(5, { now: time.now, floodAfterMs: 3000, onFlood: (r) => floods.push(r) });
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 20; i += 1) limit.take(); // a burst well over the limit
      time.advance(1500); // then quiet
    }
    expect(floods).toEqual([]);
  });
});
