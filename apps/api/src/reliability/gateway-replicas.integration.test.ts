/**
 * Two edge gateway processes on one PostgreSQL: a deployment committed through the portal's API
 * wakes the long-polls parked on either replica (LISTEN/NOTIFY); a revoked node is refused (401) on
 * every replica from the next request on; a person's valid access token opens no agent route.
 */
import type { TDeploymentDetail, TDesiredState } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEnrolled } from '../../../../packages/core/src/testing/edge-fixtures';
import { enrolledNodes, operatorWithToken, publishedVersions, type TOperator } from '../testing/fleet-fixtures';
import { startGateway, type TGateway } from '../testing/gateway-process';
import { startReliabilityStack, type TReliabilityStack } from '../testing/reliability-stack';

const PER_REPLICA = 10;

let stack: TReliabilityStack;
let replicas: TGateway[] = [];
let operator: TOperator;

beforeAll(async () => {
  stack = await startReliabilityStack();
  operator = await operatorWithToken(stack.db, stack.issuer);
  replicas = await Promise.all([startGateway(await stack.gatewaySettings()), startGateway(await stack.gatewaySettings())]);
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.crash()));
  await stack?.close();
});

function agentCall(gateway: TGateway, nodeId: string, token: string, method: string, suffix: string, body?: unknown): Promise<Response> {
  return fetch(`${gateway.url}/api/v1/edge/nodes/${nodeId}/${suffix}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function desiredNow(gateway: TGateway, node: TEnrolled): Promise<TDesiredState> {
  const response = await agentCall(gateway, node.nodeId, await node.sign(), 'GET', 'desired?after=-1&waitSec=0');
  expect(response.status).toBe(200);
  return (await response.json()) as TDesiredState;
}

/** Every agent route a node's credentials open, with a body each would accept. */
const AGENT_CALLS: [method: string, suffix: string, body?: unknown][] = [
  ['GET', 'desired?after=-1&waitSec=0'],
  ['POST', 'report', { appliedRevision: 0, outcome: 'applied', message: null, instances: [] }],
  ['POST', 'heartbeat', { agentVersion: 'reliability', appliedRevision: 0, metrics: { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 }, instances: [], services: [] }],
  ['GET', `packages/${'0'.repeat(64)}`],
];

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(((await response.json()) as { status: number }).status).toBe(401);
}

describe('two gateway replicas on one database', () => {
  it('a deployment committed through the portal wakes the long-polls parked on both', { timeout: 300_000 }, async () => {
    const [version] = await publishedVersions(stack.db, 1);
    const nodes = await enrolledNodes(stack.db, operator.actor, 2 * PER_REPLICA);
    const replicaOf = (i: number) => replicas[i % 2]!;
    const before = await Promise.all(nodes.map((node, i) => desiredNow(replicaOf(i), node)));
    const answered = new Set<number>();
    const polls = nodes.map(async (node, i) => {
      const response = await agentCall(replicaOf(i), node.nodeId, await node.sign(), 'GET', `desired?after=${before[i]!.revision}&waitSec=60`);
      answered.add(i);
      return { status: response.status, desired: response.status === 200 ? ((await response.json()) as TDesiredState) : null };
    });
    // Give the requests time to reach their gateways and park there; none has an answer (nothing changed).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(answered.size).toBe(0);

    const created = await stack.portal.call<TDeploymentDetail>('POST', '/api/v1/edge/deployments', await operator.token(), { appVersionId: version, target: { kind: 'nodes', nodeIds: nodes.map((n) => n.nodeId) }, batchSize: nodes.length });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const woken = await Promise.all(polls);
    woken.forEach(({ status, desired }, i) => {
      expect(status, `node ${i} on replica ${i % 2}`).toBe(200);
      expect(desired!.revision).toBeGreaterThan(before[i]!.revision);
      expect(desired!.appInstances.map((a) => a.appInstanceId)).toEqual([created.body.targets.find((t) => t.nodeId === nodes[i]!.nodeId)!.appInstanceId]);
    });
  });

  it('a revoked node is refused at once on every replica, even with a token a replica accepted before', { timeout: 120_000 }, async () => {
    const [node] = await enrolledNodes(stack.db, operator.actor, 1);
    const token = await node!.sign();
    for (const replica of replicas) {
      expect((await agentCall(replica, node!.nodeId, token, 'GET', 'desired?after=-1&waitSec=0')).status).toBe(200);
    }
    const revoked = await stack.portal.call('POST', `/api/v1/edge/nodes/${node!.nodeId}/revoke`, await operator.token());
    expect(revoked.status).toBe(204);
    for (const replica of replicas) {
      for (const signed of [token, await node!.sign()]) {
        for (const [method, suffix, body] of AGENT_CALLS) await expectRefused(await agentCall(replica, node!.nodeId, signed, method, suffix, body));
      }
    }
  });

  it('a person\'s valid access token is refused on every agent route of every replica', { timeout: 120_000 }, async () => {
    const [node] = await enrolledNodes(stack.db, operator.actor, 1);
    const token = await operator.token();
    // The token is good: the portal's API knows the operator by it.
    expect((await stack.portal.call('GET', '/api/v1/me', token)).status).toBe(200);
    for (const replica of replicas) {
      for (const [method, suffix, body] of AGENT_CALLS) await expectRefused(await agentCall(replica, node!.nodeId, token, method, suffix, body));
    }
  });
});
