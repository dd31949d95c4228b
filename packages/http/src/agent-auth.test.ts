/** withAgent() routes: the agent verifier decides who the caller is; a node never reaches another node's resources. */
import { AppError, type TProblem } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withAgent } from './auth';
import { createApi } from './define-route';
import { createLogger } from './logger';
import { buildOpenApiDocument } from './openapi';

const NODE_A = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const NODE_B = '1b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

function makeApi() {
  const api = createApi<never>({
    log: createLogger('test', 'silent'),
    tokenVerifier: () => { throw new Error('user tokens are not used here'); },
    resolveActor: async () => { throw new Error('unused'); },
    // Stands in for the portal's JWT check: the token text names the node it belongs to.
    agentVerifier: () => async (token) => {
      if (token !== `node.${NODE_A}`) throw new AppError('unauthenticated', 'Not a node credential');
      return { nodeId: NODE_A, tenantId: 'tenant-1' };
    },
  });
  const desired = api.route({
    method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/desired', operationId: 'getDesired', summary: 'Desired state', tags: ['Edge'],
    auth: withAgent(),
    params: z.object({ nodeId: z.string().uuid() }),
    response: { status: 200, description: 'ok', schema: z.object({ nodeId: z.string(), tenantId: z.string() }) },
    handler: async ({ agent }) => ({ nodeId: agent.nodeId, tenantId: agent.tenantId }),
  });
  return { api, desired };
}

const call = (route: ReturnType<typeof makeApi>['desired'], nodeId: string, token?: string) =>
  route.handle(new Request(`http://x/api/v1/edge/nodes/${nodeId}/desired`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ nodeId }) });

describe('withAgent() routes', () => {
  const { api, desired } = makeApi();

  it('passes the verified node to the handler', async () => {
    const res = await call(desired, NODE_A, `node.${NODE_A}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ nodeId: NODE_A, tenantId: 'tenant-1' });
  });

  it('answers 401 without a token or with one the verifier rejects', async () => {
    expect((await call(desired, NODE_A)).status).toBe(401);
    const res = await call(desired, NODE_A, 'someone-else');
    expect(res.status).toBe(401);
    expect(((await res.json()) as TProblem).detail).toContain('Not a node credential');
  });

  it('answers 403 when a node asks for another node', async () => {
    const res = await call(desired, NODE_B, `node.${NODE_A}`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as TProblem).detail).toContain('another node');
  });

  it('documents the agent scheme and role in OpenAPI', () => {
    const doc = buildOpenApiDocument(api.routes, { title: 't', version: '1' }) as unknown as { paths: Record<string, Record<string, { security: unknown; 'x-mecport-roles': string[]; responses: Record<string, unknown> }>> };
    const op = doc.paths['/api/v1/edge/nodes/{nodeId}/desired']?.get;
    expect(op?.security).toEqual([{ agentJwt: [] }]);
    expect(op?.['x-mecport-roles']).toEqual(['edge agent']);
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
  });
});
