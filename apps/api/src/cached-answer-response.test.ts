import { gunzipSync } from 'node:zlib';
import { CachedAnswer } from '@mecport/core';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, cachedAnswerResponse } from './cached-answer-response';

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

describe('gzip, once per answer', () => {
  const big = new CachedAnswer(JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ name: `深圳-${i}` })), total: 200 }));

  it('sends the gzip bytes, labelled, to a client that accepts gzip, and the same bytes to the next one', async () => {
    const res = cachedAnswerResponse(get({ 'accept-encoding': 'gzip, deflate, br' }), big);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.byteLength).toBeLessThan(big.bytes.byteLength);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toMatchObject({ total: 200 });
    expect(big.gzipped).toBe(big.gzipped);
  });

  it('sends identity bytes to a client that does not accept gzip, and to any for a small answer', () => {
    expect(cachedAnswerResponse(get(), big).headers.get('content-encoding')).toBeNull();
    expect(cachedAnswerResponse(get({ 'accept-encoding': 'gzip;q=0, br' }), big).headers.get('content-encoding')).toBeNull();
    expect(cachedAnswerResponse(get({ 'accept-encoding': 'gzip' }), new CachedAnswer('{"items":[],"total":0}')).headers.get('content-encoding')).toBeNull();
  });

  it('reads Accept-Encoding as RFC 9110 does', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
