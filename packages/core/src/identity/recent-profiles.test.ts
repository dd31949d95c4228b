import { describe, expect, it } from 'vitest';
import { RecentProfiles, type TProfileRow } from './recent-profiles';

function row(subject: string, overrides: Partial<TProfileRow> = {}): TProfileRow {
  return {
    id: `profile-${subject}`, subject, username: subject, displayName: subject, email: null, locale: 'en', lastSeenAt: new Date(0),
    tenant: { id: 'tenant-1', slug: 'acme', name: 'Acme' }, ...overrides,
  };
}

describe('RecentProfiles', () => {
  it('gives back a row for ttlMs after it was read, then forgets it', () => {
    const clock = { ms: 0 };
    const recent = new RecentProfiles({ ttlMs: 2000, now: () => clock.ms });
    recent.remember(row('alice'));
    clock.ms = 1999;
    expect(recent.get('alice')?.id).toBe('profile-alice');
    clock.ms = 2000;
    expect(recent.get('alice')).toBeUndefined();
  });

  it('notes written fields without making the row younger', () => {
    const clock = { ms: 0 };
    const recent = new RecentProfiles({ ttlMs: 2000, now: () => clock.ms });
    recent.remember(row('alice'));
    clock.ms = 1500;
    recent.update('alice', { displayName: 'Alice', lastSeenAt: new Date(1500) });
    expect(recent.get('alice')).toMatchObject({ displayName: 'Alice', lastSeenAt: new Date(1500), locale: 'en' });
    clock.ms = 2000;
    expect(recent.get('alice'), 'still read at 0').toBeUndefined();
    recent.update('bob', { displayName: 'Bob' });
    expect(recent.get('bob'), 'an update never adds a row').toBeUndefined();
  });

  it('forgets a row on request, and keeps at most maxEntries', () => {
    const recent = new RecentProfiles({ maxEntries: 2 });
    recent.remember(row('alice'));
    recent.forget('alice');
    expect(recent.get('alice')).toBeUndefined();
    for (const subject of ['a', 'b', 'c']) recent.remember(row(subject));
    expect([recent.get('a'), recent.get('b')?.subject, recent.get('c')?.subject]).toEqual([undefined, 'b', 'c']);
  });
});
