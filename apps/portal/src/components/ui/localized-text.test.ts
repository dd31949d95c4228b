import { describe, expect, it } from 'vitest';
import { localizedDescriptions, localizedName } from './localized-text';

describe('localized listing text', () => {
  it('prefers the UI language and falls back', () => {
    expect(localizedName({ name: 'Parking', nameZh: null }, 'zh-CN')).toBe('Parking');
    expect(localizedName({ name: 'Guide', nameZh: '导览' }, 'zh-CN')).toBe('导览');
    expect(localizedName({ name: 'Guide', nameZh: '导览' }, 'en')).toBe('Guide');
    expect(localizedDescriptions({ descriptionEn: 'E', descriptionZh: 'Z' }, 'zh-CN').map((d) => d.lang)).toEqual(['zh-CN', 'en']);
    expect(localizedDescriptions({ descriptionEn: 'E', descriptionZh: ' ' }, 'zh-CN').map((d) => d.lang)).toEqual(['en']);
  });
});
