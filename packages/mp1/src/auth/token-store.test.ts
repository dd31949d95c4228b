import { describe, expect, it } from 'vitest';
import { TokenStore } from './token-store';

describe('TokenStore', () => {
  it('grants a token until its lifetime ends, then reports it expired', () => {
    let now = 1_000_000;
    const store = new TokenStore(30, () => now);
    const { token, expiresIn } = store.issue('app-a');
    expect(expiresIn).toBe(30);
    expect(store.verify(token)).toEqual({ appInstanceId: 'app-a', expiresAt: 1_030_000 });
    now += 29_999;
    expect(store.verify(token)).toMatchObject({ appInstanceId: 'app-a' });
    now += 1;
    expect(store.verify(token)).toBe('expired');
    expect(store.verify(token)).toBe('unknown');
    expect(store.verify('made-up')).toBe('unknown');
  });

  it('keeps at most 16 live tokens per app (oldest dropped) and sweeps expired ones on issue', () => {
    let now = 0;
    const store = new TokenStore(60, () => now);
    const first = store.issue('app-a').token;
    const other = store.issue('app-b').token;
    for (let i = 0; i < 20; i++) store.issue('app-a');
    expect(store.verify(first)).toBe('unknown');
    expect(store.size).toBe(17);
    expect(store.verify(other)).toMatchObject({ appInstanceId: 'app-b' });
    now += 60_000;
    store.issue('app-c');
    expect(store.size).toBe(1);
  });

  it('revokes every token of an app instance', () => {
    const store = new TokenStore(60, () => 0);
    const a = store.issue('app-a').token;
    const b = store.issue('app-b').token;
    store.revokeApp('app-a');
    expect(store.verify(a)).toBe('unknown');
    expect(store.verify(b)).toMatchObject({ appInstanceId: 'app-b' });
  });
});
