/** The route table against the OpenAPI document and the edge gateway's share of it (no I/O: services are built on first use). */
import { describe, expect, it } from 'vitest';
import { api } from '../api';
import { openApiDocument } from '../openapi-document';
import { isEdgeGatewayRoute } from './edge-gateway-routes';
import { servedRoutes } from './served-routes';

describe('servedRoutes', () => {
  it('serves every declared route, and documents every route it serves but the tus HEAD and OPTIONS', () => {
    const served = servedRoutes();
    const documented = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, methods]) => Object.keys(methods ?? {}).map((m) => `${m.toUpperCase()} ${path}`));
    const servedDeclared = served.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path}`);
    expect(new Set(servedDeclared)).toEqual(new Set(documented));
    expect(servedDeclared).toHaveLength(api.routes.length);
    expect(served.filter((r) => r.method === 'HEAD' || r.method === 'OPTIONS').map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'HEAD /api/v1/uploads/{uploadId}', 'OPTIONS /api/v1/uploads', 'OPTIONS /api/v1/uploads/{uploadId}',
    ]);
  });

  it('gives the edge gateway the agents\' routes and the health check, nothing an operator or developer calls', () => {
    expect(api.routes.filter(isEdgeGatewayRoute).map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/health',
      'GET /api/v1/edge/nodes/{nodeId}/desired',
      'GET /api/v1/edge/nodes/{nodeId}/packages/{sha256}',
      'POST /api/v1/edge/enrol',
      'POST /api/v1/edge/nodes/{nodeId}/heartbeat',
      'POST /api/v1/edge/nodes/{nodeId}/logs',
      'POST /api/v1/edge/nodes/{nodeId}/report',
      'POST /api/v1/edge/rule-states',
    ]);
  });
});
