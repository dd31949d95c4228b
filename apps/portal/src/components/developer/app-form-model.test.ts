import { describe, expect, it } from 'vitest';
import { createBody, EMPTY_APP_FORM, formField, serverFieldErrors, slugify, updateBody, validateAppForm } from './app-form-model';

const valid = { ...EMPTY_APP_FORM, slug: 'edge-video', name: 'Edge Video', provider: 'Acme', category: 'iot' as const };

describe('app form', () => {
  it('suggests slugs', () => {
    expect(slugify('Edge Video 2!')).toBe('edge-video-2');
    expect(slugify('边缘视频')).toBe('');
  });

  it('validates with the API contract', () => {
    expect(validateAppForm(valid, 'create')).toEqual({});
    const errors = validateAppForm({ ...valid, slug: 'Bad Slug', iconUrl: 'ftp://x', name: ' ', category: '' }, 'create');
    expect(Object.keys(errors).sort()).toEqual(['category', 'iconUrl', 'name', 'slug']);
    expect(errors.name).toBe('required');
    expect(errors).toMatchObject({ slug: 'invalidSlug', iconUrl: 'invalidUrl' });
    expect(validateAppForm({ ...valid, tags: ['x'.repeat(41)] }, 'create').tags).toBe('tooLong');
    expect(validateAppForm({ ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'create').tags).toBe('tooMany');
    expect(validateAppForm({ ...valid, videoUrl: 'not a url' }, 'edit', valid).videoUrl).toBe('invalidUrl');
  });

  it('sends only what is set, and in an edit only what changed (cleared -> null)', () => {
    expect(createBody({ ...valid, nameZh: ' 边缘视频 ', tags: ['a'] })).toEqual({ slug: 'edge-video', name: 'Edge Video', provider: 'Acme', category: 'iot', nameZh: '边缘视频', tags: ['a'] });
    const before = { ...valid, industry: 'Retail', tags: ['a'] };
    expect(updateBody(before, { ...before, industry: '', name: 'New', tags: ['a', 'b'] })).toEqual({ name: 'New', industry: null, tags: ['a', 'b'] });
    expect(updateBody(before, before)).toEqual({});
  });

  it('maps server field errors onto fields', () => {
    expect(formField('tags.2')).toBe('tags');
    expect(formField('(root)')).toBe('form');
    expect(serverFieldErrors([{ in: 'body', field: 'slug', message: 'already used in your tenant' }])).toEqual({ slug: 'already used in your tenant' });
  });

  it('shows the server\'s refusal of a non-public media URL under its field', () => {
    const refused = 'refused: 127.0.0.1 is a loopback address: port 3000 is not allowed; no loopback port is allowed here; give a URL on a public address';
    expect(serverFieldErrors([{ in: 'body', field: 'screenshots.1', message: refused }, { in: 'body', field: 'videoUrl', message: refused }])).toEqual({ screenshots: refused, videoUrl: refused });
  });
});
