import { CachedAnswer } from '@mecport/core';
import { describe, expect, it } from 'vitest';
import { cachedAnswerResponse } from './cached-answer-response';

const get = (headers: Record<string, string> = {}) => new Request('http://portal.test/api/v1/edge/map/nodes', { headers });

describe('cachedAnswerResponse', () => {
  const answer = new CachedAnswer(JSON.stringify({ items: [{ name: '深圳-01' }, { name: 'münchen-02' }], total: 2 }));

  it('sends the JSON with its ETag, to be revalidated on every read', async () => {
    const res = cachedAnswerResponse(get(), answer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]{27}"$/);
    expect(await res.json()).toEqual({ items: [{ name: '深圳-01' }, { name: 'münchen-02' }], total: 2 });
  });

  it('answers 304 with no body when If-None-Match names its ETag, and 200 once the content changed', async () => {
    const again = cachedAnswerResponse(get({ 'if-none-match': answer.etag }), answer);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(answer.etag);
    expect(await again.text()).toBe('');
    const changed = new CachedAnswer(answer.json.replace('01', '03'));
    expect(changed.etag).not.toBe(answer.etag);
    expect(changed.equals(answer)).toBe(false);
    expect(new CachedAnswer(answer.json).equals(answer)).toBe(true);
    expect(cachedAnswerResponse(get({ 'if-none-match': answer.etag }), changed).status).toBe(200);
  });
});
