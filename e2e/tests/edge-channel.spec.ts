/**
 * The edge channel over HTTP against the running portal, as an agent speaks it (the agent's own
 * tests cover its side): long-poll wakes on a deployment, answers 204 when nothing changed, a
 * node's credentials never reach another node, and revocation ends them.
 */
import type { TDeploymentDetail, TDesiredState } from '@mecport/contracts';
import type { APIRequestContext } from '@playwright/test';
import { enrolTestAgent, type TTestAgent } from '../support/agent';
import { call, expectProblem } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { aPublishedProcessVersionId } from '../support/process-version';
import { tokenFor } from '../support/tokens';

const desired = async (request: APIRequestContext, agent: TTestAgent, after: number, waitSec: number, nodeId = agent.nodeId) =>
  call(request, { method: 'GET', path: `/api/v1/edge/nodes/${nodeId}/desired?after=${after}&waitSec=${waitSec}` }, await agent.token());

test('a long-poll returns the new revision as soon as a deployment targets the node', async ({ request }) => {
  const agent = await enrolTestAgent(request);
  const first = await desired(request, agent, -1, 0);
  expect(first.status()).toBe(200);
  const initial = (await first.json()) as TDesiredState;
  expect(initial).toMatchObject({ nodeId: agent.nodeId, appInstances: [] });

  const waiting = desired(request, agent, initial.revision, 25);
  const appVersionId = await aPublishedProcessVersionId(request);
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId, target: { kind: 'nodes', nodeIds: [agent.nodeId] }, batchSize: 1 } }, await tokenFor('operator'));
  expect(created.status()).toBe(201);
  const deployment = (await created.json()) as TDeploymentDetail;
  expect(deployment.targets[0]).toMatchObject({ nodeId: agent.nodeId, status: 'applying' });

  const woken = await waiting;
  expect(woken.status()).toBe(200);
  const next = (await woken.json()) as TDesiredState;
  expect(next.revision).toBe(initial.revision + 1);
  expect(next.appInstances[0]?.appVersionId).toBe(appVersionId);

  // The agent reports the instance running: the deployment succeeds.
  const report = { appliedRevision: next.revision, outcome: 'applied', instances: [{ appInstanceId: next.appInstances[0]!.appInstanceId, state: 'RUNNING', ready: true }] };
  expect((await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${agent.nodeId}/report`, body: report }, await agent.token())).status()).toBe(204);
  const after = (await (await call(request, { method: 'GET', path: `/api/v1/edge/deployments/${deployment.id}` }, await tokenFor('operator'))).json()) as TDeploymentDetail;
  expect(after.status).toBe('succeeded');

  // The package the desired state names downloads with the node's credentials only.
  const pkg = next.appInstances[0]!.package;
  const download = await call(request, { method: 'GET', path: pkg.path }, await agent.token());
  expect([200, 404]).toContain(download.status());
});

test('a long-poll with nothing new answers 204 after waitSec', async ({ request }) => {
  const agent = await enrolTestAgent(request);
  const state = (await (await desired(request, agent, -1, 0)).json()) as TDesiredState;
  expect((await desired(request, agent, state.revision, 1)).status()).toBe(204);
});

test('node credentials cannot read another node, and revocation ends them', async ({ request }) => {
  const a = await enrolTestAgent(request);
  const b = await enrolTestAgent(request);
  await expectProblem(await desired(request, a, -1, 0, b.nodeId), 403);
  const heartbeat = { agentVersion: 'e2e', appliedRevision: 0, metrics: { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 }, instances: [] };
  await expectProblem(await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${b.nodeId}/heartbeat`, body: heartbeat }, await a.token()), 403);
  expect((await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${a.nodeId}/heartbeat`, body: heartbeat }, await a.token())).status()).toBe(204);

  expect((await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${a.nodeId}/revoke` }, await tokenFor('operator'))).status()).toBe(204);
  const refused = await expectProblem(await desired(request, a, -1, 0), 401);
  expect(refused.detail).toContain('re-enrol');
});
