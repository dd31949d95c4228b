import { ZCatalogQuery } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { catalogCacheKey, wantsFreshCatalog } from './catalog-cache';

describe('wantsFreshCatalog', () => {
  it('honours no-cache, no-store and max-age=0 in Cache-Control, and Pragma: no-cache', () => {
    for (const header of ['no-cache', 'No-Cache', 'max-age=0', 'public, no-store', 'no-cache , max-age=10']) expect(wantsFreshCatalog(header), header).toBe(true);
    for (const header of [null, undefined, '', 'max-age=60', 'public', 'max-age=00x']) expect(wantsFreshCatalog(header), String(header)).toBe(false);
    expect(wantsFreshCatalog(null, 'no-cache')).toBe(true);
  });
});

describe('catalogCacheKey', () => {
  it('is the same for equal queries and differs when any field differs', () => {
    const key = (query: Record<string, string>) => catalogCacheKey(ZCatalogQuery.parse(query));
    expect(key({ q: 'video', category: 'gaming', limit: '20' })).toBe(key({ category: 'gaming', q: ' video ' }));
    const variants: Record<string, string>[] = [{}, { q: 'video' }, { category: 'gaming' }, { architecture: 'aarch64' }, { provider: 'Acme' }, { certifiedOnly: 'true' }, { sort: 'downloads' }, { limit: '5' }, { cursor: 'abc' }];
    expect(new Set(variants.map((v) => key(v))).size).toBe(variants.length);
  });
});
