/** A route may raise its JSON body limit (file imports) and answer another JSON media type (GeoJSON). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publicAccess } from './auth';
import { createApi } from './define-route';
import { createLogger } from './logger';
import { buildOpenApiDocument } from './openapi';
import { MAX_JSON_BODY_BYTES } from './parse-input';

const api = createApi({ log: createLogger('test', 'silent'), tokenVerifier: () => { throw new Error('public routes only'); }, resolveActor: async () => null });
const big = api.route({
  method: 'POST', path: '/api/v1/files', operationId: 'postFile', summary: 'Big body', tags: ['Files'], auth: publicAccess(),
  body: z.object({ content: z.string() }), maxBodyBytes: 3 * MAX_JSON_BODY_BYTES,
  response: { status: 200, description: 'Size', schema: z.object({ length: z.number() }) },
  handler: async ({ body }) => ({ length: body.content.length }),
});
const geo = api.route({
  method: 'GET', path: '/api/v1/geo', operationId: 'getGeo', summary: 'GeoJSON', tags: ['Files'], auth: publicAccess(),
  response: { status: 200, description: 'A collection', schema: z.object({ type: z.literal('FeatureCollection') }), mediaType: 'application/geo+json' },
  handler: async () => ({ type: 'FeatureCollection' as const }),
});

const post = (content: string) => new Request('http://x/api/v1/files', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content }) });

describe('route body options', () => {
  it('accepts a body past the default limit up to the route\'s own, and refuses one past that with 413', async () => {
    const twoMiB = 'x'.repeat(2 * MAX_JSON_BODY_BYTES);
    const ok = await big.handle(post(twoMiB));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ length: twoMiB.length });
    const tooBig = await big.handle(post('x'.repeat(3 * MAX_JSON_BODY_BYTES)));
    expect(tooBig.status).toBe(413);
  });

  it('answers and documents the declared media type', async () => {
    const res = await geo.handle(new Request('http://x/api/v1/geo'));
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(await res.json()).toEqual({ type: 'FeatureCollection' });
    const doc = buildOpenApiDocument(api.routes, { title: 't', version: '1' }) as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(Object.keys(doc.paths['/api/v1/geo']!.get!.responses['200']!.content!)).toEqual(['application/geo+json']);
  });
});
