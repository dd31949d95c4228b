import { describe, expect, it } from 'vitest';
import { mergePage, pagePath } from './paged-list';

describe('pagePath', () => {
  it('answers the first page as given and appends the cursor, encoded, to later ones', () => {
    expect(pagePath('/api/v1/edge/deployments?limit=20', null)).toBe('/api/v1/edge/deployments?limit=20');
    expect(pagePath('/api/v1/edge/deployments?limit=20', 'eyJpZCI6MX0=')).toBe('/api/v1/edge/deployments?limit=20&cursor=eyJpZCI6MX0%3D');
    expect(pagePath('/api/v1/things', 'a/b+c')).toBe('/api/v1/things?cursor=a%2Fb%2Bc');
  });
});

describe('mergePage', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const c = { id: 'c' };

  it('replaces the list with a first page', () => {
    expect(mergePage([a, b], { items: [c], nextCursor: 'x' }, null)).toEqual([c]);
  });

  it('appends a later page, keeping duplicates unless a key is given', () => {
    expect(mergePage([a, b], { items: [b, c], nextCursor: null }, 'x')).toEqual([a, b, b, c]);
    expect(mergePage([a, b], { items: [b, c], nextCursor: null }, 'x', (i) => i.id)).toEqual([a, b, c]);
  });

  it('starts from the page when there is no list yet', () => {
    expect(mergePage(null, { items: [a], nextCursor: null }, 'x')).toEqual([a]);
  });
});
