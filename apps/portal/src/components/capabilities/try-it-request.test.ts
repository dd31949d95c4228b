import { describe, expect, it } from 'vitest';
import type { TOperationView } from '../api-docs/openapi-model';
import { defaultParameterValues, tryItPath } from './try-it-request';

const op: TOperationView = {
  key: 'get /queries/zones/{zoneId}/accessPoints', method: 'get', path: '/queries/zones/{zoneId}/accessPoints', deprecated: false, roles: null,
  parameters: [
    { name: 'zoneId', in: 'path', required: true, deprecated: false, schema: { type: 'string', example: 'zone01' } },
    { name: 'interestRealm', in: 'query', required: false, deprecated: false, schema: { type: 'string' } },
    { name: 'address', in: 'query', required: true, deprecated: false, schema: { type: 'array', items: { type: 'string', example: 'acr:10.0.0.1' } } },
  ],
  requestBody: null, responses: [],
};

describe('try it', () => {
  it('starts from the examples of path and required query parameters', () => {
    expect(defaultParameterValues(op)).toEqual({ 'path:zoneId': 'zone01', 'query:interestRealm': '', 'query:address': 'acr:10.0.0.1' });
  });

  it('sends to the sandbox\'s MEC path under the spec\'s base path, leaving empty query parameters out', () => {
    const id = '7d3c0d5e-7a0e-4f43-9d1c-2f3b8c9a0b11';
    expect(tryItPath(id, '/location/v2', op, { 'path:zoneId': 'zone 1', 'query:interestRealm': '', 'query:address': 'acr:10.0.0.1' }))
      .toBe(`/api/v1/sandboxes/${id}/mec/location/v2/queries/zones/zone%201/accessPoints?address=acr%3A10.0.0.1`);
  });
});
