import { describe, expect, it } from 'vitest';
import { catalogApiPath, catalogSearch, catalogStateFrom, effectiveSort, localizedDescriptions, localizedName } from './catalog-state';

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

describe('localized listing text', () => {
  it('prefers the UI language and falls back', () => {
    expect(localizedName({ name: 'Parking', nameZh: null }, 'zh-CN')).toBe('Parking');
    expect(localizedName({ name: 'Guide', nameZh: '导览' }, 'zh-CN')).toBe('导览');
    expect(localizedName({ name: 'Guide', nameZh: '导览' }, 'en')).toBe('Guide');
    expect(localizedDescriptions({ descriptionEn: 'E', descriptionZh: 'Z' }, 'zh-CN').map((d) => d.lang)).toEqual(['zh-CN', 'en']);
    expect(localizedDescriptions({ descriptionEn: 'E', descriptionZh: ' ' }, 'zh-CN').map((d) => d.lang)).toEqual(['en']);
  });
});
