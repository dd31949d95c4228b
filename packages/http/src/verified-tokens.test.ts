import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const t0 = 1_000_000_000_000; // a whole second, in ms

  it('gives back a remembered token until the second of its exp, as jose counts it', () => {
    const remembered = new VerifiedTokens<string>();
    remembered.set('token', 'alice', t0 / 1000 + 30, t0);
    expect(remembered.get('token', t0 + 29_999)).toBe('alice');
    expect(remembered.get('token', t0 + 30_000), 'jose: expired when exp <= now in seconds').toBeUndefined();
    expect(remembered.size, 'an unusable entry is dropped').toBe(0);
  });

  it('uses an entry for at most maxAgeMs after its check, whatever the exp', () => {
    const remembered = new VerifiedTokens<string>({ maxAgeMs: 60_000 });
    remembered.set('token', 'alice', t0 / 1000 + 3600, t0);
    expect(remembered.get('token', t0 + 59_999)).toBe('alice');
    expect(remembered.get('token', t0 + 60_000)).toBeUndefined();
  });

  it('remembers a token without exp for maxAgeMs, and never one already expired', () => {
    const remembered = new VerifiedTokens<string>({ maxAgeMs: 1000 });
    remembered.set('no-exp', 'bob', undefined, t0);
    expect(remembered.get('no-exp', t0 + 999)).toBe('bob');
    remembered.set('expired', 'carol', t0 / 1000, t0);
    expect(remembered.get('expired', t0)).toBeUndefined();
  });

  it('tells tokens apart by their exact text', () => {
    const remembered = new VerifiedTokens<string>();
    remembered.set('token-a', 'alice', undefined, t0);
    expect(remembered.get('token-a ', t0)).toBeUndefined();
    expect(remembered.get('token-b', t0)).toBeUndefined();
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const remembered = new VerifiedTokens<number>({ maxEntries: 2 });
    remembered.set('a', 1, undefined, t0);
    remembered.set('b', 2, undefined, t0);
    remembered.set('c', 3, undefined, t0);
    expect(remembered.size).toBe(2);
    expect(remembered.get('a', t0)).toBeUndefined();
    expect([remembered.get('b', t0), remembered.get('c', t0)]).toEqual([2, 3]);
  });
});
