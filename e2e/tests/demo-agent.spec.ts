/**
 * The real MEP agent `npm start` runs for the demo node "local-demo-node": enrolled with a one-time
 * token, running Hello Edge (a process bundle) from an ordinary deployment, heartbeating with the
 * Mp1 service the app registered; terminating and redeploying go through the same agent.
 */
import type { TAppInstanceDetail, TDeploymentDetail, TEdgeNodePage, TNodeDetail } from '@mecport/contracts';
import type { APIRequestContext } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { tokenFor } from '../support/tokens';

test.describe.configure({ timeout: 180_000 });

async function get<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await call(request, { method: 'GET', path }, await tokenFor('operator'));
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function demoNode(request: APIRequestContext): Promise<TNodeDetail> {
  const page = await get<TEdgeNodePage>(request, '/api/v1/edge/nodes?q=local-demo-node');
  const node = page.items.find((n) => n.name === 'local-demo-node');
  expect(node, 'npm start created the demo node').toBeTruthy();
  return get<TNodeDetail>(request, `/api/v1/edge/nodes/${node!.id}`);
}

test('the demo agent runs Hello Edge, which registered its Mp1 service; terminate and redeploy go through the agent', async ({ request }) => {
  // Up: enrolled, online, Hello Edge running and ready, its greeting service reported by heartbeat.
  await expect.poll(async () => {
    const detail = await demoNode(request);
    return { status: detail.node.status, running: detail.instances.filter((i) => i.appName === 'Hello Edge' && i.state === 'RUNNING' && i.ready).length, greeting: detail.services.some((s) => s.serName === 'greeting' && s.state === 'ACTIVE') };
  }, { timeout: 120_000, intervals: [1000] }).toEqual({ status: 'online', running: 1, greeting: true });

  const detail = await demoNode(request);
  expect(detail.node.agentVersion).toBeTruthy();
  expect(detail.metrics.length).toBeGreaterThan(0);
  const instance = detail.instances.find((i) => i.appName === 'Hello Edge')!;
  const hello = await request.get('http://127.0.0.1:8090/hello');
  expect(hello.status()).toBe(200);

  // Its log tail reaches the portal.
  await expect.poll(async () => (await get<TAppInstanceDetail>(request, `/api/v1/edge/instances/${instance.appInstanceId}`)).logTail.join('\n'), { timeout: 60_000 }).toContain('ready');

  // Terminate: the agent stops it and reports it gone.
  const operator = await tokenFor('operator');
  expect((await call(request, { method: 'POST', path: `/api/v1/edge/instances/${instance.appInstanceId}/terminate` }, operator)).status()).toBe(202);
  await expect.poll(async () => (await get<TAppInstanceDetail>(request, `/api/v1/edge/instances/${instance.appInstanceId}`)).state, { timeout: 60_000 }).toBe('REMOVED');

  // Redeploy the same published version: a new instance runs again.
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId: (await get<TAppInstanceDetail>(request, `/api/v1/edge/instances/${instance.appInstanceId}`)).appVersionId, target: { kind: 'nodes', nodeIds: [detail.node.id] }, batchSize: 1 } }, operator);
  expect(created.status()).toBe(201);
  const deployment = (await created.json()) as TDeploymentDetail;
  await expect.poll(async () => (await get<TDeploymentDetail>(request, `/api/v1/edge/deployments/${deployment.id}`)).status, { timeout: 90_000, intervals: [1000] }).toBe('succeeded');
});
