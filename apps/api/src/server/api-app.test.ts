import { describe, expect, it } from 'vitest';
import { apiApp } from './api-app';
import { honoPath } from './route-order';
import type { TServedRoute } from './served-routes';

const echo = (name: string): TServedRoute['handle'] => async (request, context) =>
  Response.json({ name, method: request.method, params: context ? await context.params : null });

function route(method: TServedRoute['method'], path: string, name = `${method} ${path}`): TServedRoute {
  return { method, path, operationId: name, handle: echo(name) };
}

describe('apiApp', () => {
  it('answers a literal path before a parameter registered ahead of it, and passes decoded params', async () => {
    const app = apiApp({ routes: [route('GET', '/api/v1/nodes/{nodeId}', 'one'), route('GET', '/api/v1/nodes/export', 'export')] });
    expect(await (await app.request('/api/v1/nodes/export')).json()).toMatchObject({ name: 'export' });
    expect(await (await app.request('/api/v1/nodes/a%20b')).json()).toEqual({ name: 'one', method: 'GET', params: { nodeId: 'a b' } });
  });

  it('answers any other path and method with a 404 problem naming it, with a request id', async () => {
    const app = apiApp({ routes: [route('GET', '/api/v1/me')] });
    for (const [method, path] of [['GET', '/api/v1/nope'], ['DELETE', '/api/v1/me'], ['GET', '/app_pkgm/v1/x']] as const) {
      const response = await app.request(path, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { detail: string; requestId: string };
      expect(problem.detail).toContain(`${method} ${path}`);
      expect(response.headers.get('x-request-id')).toBe(problem.requestId);
    }
  });

  it('serves a HEAD-only route for HEAD and lets a GET there fall through to the 404', async () => {
    const app = apiApp({ routes: [route('HEAD', '/api/v1/uploads/{uploadId}', 'head')] });
    expect((await app.request('/api/v1/uploads/u1', { method: 'HEAD' })).status).toBe(200);
    expect((await app.request('/api/v1/uploads/u1')).status).toBe(404);
  });

  it('passes every handler through `wrap`, and serves the OpenAPI document only when given', async () => {
    const wrapped: string[] = [];
    const app = apiApp({ routes: [route('GET', '/api/health')], openApi: () => ({ openapi: '3.1.0' }), wrap: (handle, r) => { wrapped.push(r.operationId); return handle; } });
    expect(wrapped).toEqual(['GET /api/health']);
    expect(await (await app.request('/api/openapi.json')).json()).toEqual({ openapi: '3.1.0' });
    expect((await apiApp({ routes: [] }).request('/api/openapi.json')).status).toBe(404);
  });

  it('registers each route under its Hono path', () => {
    const app = apiApp({ routes: [route('POST', '/api/v1/edge/nodes/{nodeId}/report')] });
    expect(app.routes.map((r) => `${r.method} ${r.path}`)).toContain(`POST ${honoPath('/api/v1/edge/nodes/{nodeId}/report')}`);
  });
});
