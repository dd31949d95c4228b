import { describe, expect, it } from 'vitest';
import { bySpecificity, honoPath } from './route-order';

describe('bySpecificity', () => {
  it('puts a literal segment before a parameter at the same place, and keeps the order otherwise', () => {
    const paths = ['/api/v1/edge/nodes/{nodeId}', '/api/v1/me', '/api/v1/edge/nodes/export', '/api/v1/edge/nodes/{nodeId}/desired', '/api/v1/edge/nodes/import'];
    expect(paths.map((path) => ({ path })).sort(bySpecificity).map((r) => r.path)).toEqual([
      '/api/v1/me', '/api/v1/edge/nodes/export', '/api/v1/edge/nodes/import', '/api/v1/edge/nodes/{nodeId}', '/api/v1/edge/nodes/{nodeId}/desired',
    ]);
  });
});

describe('honoPath', () => {
  it('turns OpenAPI parameters into Hono ones', () => {
    expect(honoPath('/api/v1/edge/nodes/{nodeId}/packages/{sha256}')).toBe('/api/v1/edge/nodes/:nodeId/packages/:sha256');
    expect(honoPath('/api/health')).toBe('/api/health');
  });
});
