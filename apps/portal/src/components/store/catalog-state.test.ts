import { describe, expect, it } from 'vitest';
import { catalogApiPath, catalogSearch, catalogStateFrom, effectiveSort } from './catalog-state';

describe('catalog state in the URL', () => {
  it('round-trips every filter and ignores unknown values', () => {
    const state = catalogStateFrom(new URLSearchParams('q=视频&category=iot&architecture=aarch64&provider=Acme+XR&certified=1&sort=rating'));
    expect(state).toEqual({ q: '视频', category: 'iot', architecture: 'aarch64', provider: 'Acme XR', certifiedOnly: true, sort: 'rating' });
    expect(catalogStateFrom(new URLSearchParams(catalogSearch(state)))).toEqual(state);
    expect(catalogStateFrom(new URLSearchParams('category=nope&architecture=mips&sort=best'))).toMatchObject({ category: null, architecture: null, sort: null });
  });

  it('drops relevance without search words', () => {
    expect(catalogStateFrom(new URLSearchParams('sort=relevance')).sort).toBeNull();
    expect(effectiveSort(catalogStateFrom(new URLSearchParams('q=AR')))).toBe('relevance');
    expect(effectiveSort(catalogStateFrom(new URLSearchParams('')))).toBe('newest');
  });

  it('builds the API query with the contract\'s names', () => {
    const state = catalogStateFrom(new URLSearchParams('q=AR&certified=1'));
    expect(catalogApiPath(state, 'abc', 5)).toBe('/api/v1/store/apps?q=AR&certifiedOnly=true&limit=5&cursor=abc');
    expect(catalogSearch(catalogStateFrom(new URLSearchParams('')))).toBe('');
  });
});
