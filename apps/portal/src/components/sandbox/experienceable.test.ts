import { describe, expect, it } from 'vitest';
import { isExperienceable } from './experienceable';

describe('isExperienceable', () => {
  it('is true only for an app the store marks experienceable', () => {
    expect(isExperienceable({ experienceable: true })).toBe(true);
    expect(isExperienceable({ experienceable: false })).toBe(false);
    expect(isExperienceable({ experienceable: 'yes' })).toBe(false);
    expect(isExperienceable({})).toBe(false);
  });
});
