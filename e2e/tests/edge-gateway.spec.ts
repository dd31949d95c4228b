/**
 * The edge gateway (`npm start` runs it on EDGE_GATEWAY_PORT): the agents' routes and the health
 * check only; enrolment commands name it; the demo agent talks to it; agents enrolled against the
 * portal keep working there and on the portal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TDeploymentDetail, TDesiredState, TEnrolmentTicket } from '@mecport/contracts';
import { enrolTestAgent } from '../support/agent';
import { call, expectProblem } from '../support/auth-matrix';
import { enrolWithToken } from '../support/edge-node-agent';
import { expect, test } from '../support/fixtures';
import { aPublishedProcessVersionId } from '../support/process-version';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';
import { DATA_DIR } from '../support/uploads';

const gateway = (p: string) => `${E2E.gatewayUrl}${p}`;

test('the gateway answers health and the agents\' routes, and 404 for everything else', async ({ request }) => {
  const health = await request.get(gateway('/api/health'));
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'up', checks: { database: { status: 'up' } } });
  const operator = await tokenFor('operator');
  for (const p of ['/api/v1/edge/nodes', '/api/v1/me', '/api/openapi.json', '/app_pkgm/v1/app_packages', '/']) {
    await expectProblem(await call(request, { method: 'GET', path: gateway(p) }, operator), 404);
  }
  await expectProblem(await call(request, { method: 'POST', path: gateway('/api/v1/uploads') }, operator), 404);
});

test('an agent enrols at the gateway with the command\'s token and reports there; a user\'s token is refused', async ({ request }) => {
  const operator = await tokenFor('operator');
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/nodes', body: { name: `gw-node-${Date.now().toString(36)}`, latitude: 48.1, longitude: 11.6, city: 'München' } }, operator);
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const ticket = (await (await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${id}/enrolment` }, operator)).json()) as TEnrolmentTicket;
  expect(ticket.command).toContain(`--portal ${E2E.gatewayUrl} `);
  const agent = await enrolWithToken(request, ticket.token, E2E.gatewayUrl);
  await agent.heartbeat();
  await expect.poll(async () => ((await (await call(request, { method: 'GET', path: `/api/v1/edge/nodes/${id}` }, operator)).json()) as { node: { status: string } }).node.status).toBe('online');
  await expectProblem(await call(request, { method: 'GET', path: gateway(`/api/v1/edge/nodes/${id}/desired?after=-1&waitSec=0`) }, operator), 401);
});

test('an agent enrolled against the portal is served by the gateway too', async ({ request }) => {
  const agent = await enrolTestAgent(request);
  const desired = await call(request, { method: 'GET', path: gateway(`/api/v1/edge/nodes/${agent.nodeId}/desired?after=-1&waitSec=0`) }, await agent.token());
  expect([200, 204]).toContain(desired.status());
});

test('a deployment committed through the portal wakes the long-poll parked on the gateway; the package downloads there with its length', async ({ request }) => {
  const agent = await enrolTestAgent(request);
  const poll = async (after: number, waitSec: number) => call(request, { method: 'GET', path: gateway(`/api/v1/edge/nodes/${agent.nodeId}/desired?after=${after}&waitSec=${waitSec}`) }, await agent.token());
  const initial = (await (await poll(-1, 0)).json()) as TDesiredState;
  const waiting = poll(initial.revision, 25);
  const appVersionId = await aPublishedProcessVersionId(request);
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId, target: { kind: 'nodes', nodeIds: [agent.nodeId] }, batchSize: 1 } }, await tokenFor('operator'));
  expect(created.status()).toBe(201);
  const woken = await waiting;
  expect(woken.status()).toBe(200);
  const next = (await woken.json()) as TDesiredState;
  expect(next.revision).toBe(initial.revision + 1);
  const report = { appliedRevision: next.revision, outcome: 'applied', instances: [{ appInstanceId: next.appInstances[0]!.appInstanceId, state: 'RUNNING', ready: true }] };
  expect((await call(request, { method: 'POST', path: gateway(`/api/v1/edge/nodes/${agent.nodeId}/report`), body: report }, await agent.token())).status()).toBe(204);
  const deployment = (await (await call(request, { method: 'GET', path: `/api/v1/edge/deployments/${((await created.json()) as TDeploymentDetail).id}` }, await tokenFor('operator'))).json()) as TDeploymentDetail;
  expect(deployment.status).toBe('succeeded');
  const download = await call(request, { method: 'GET', path: gateway(next.appInstances[0]!.package.path) }, await agent.token());
  expect([200, 404]).toContain(download.status());
  if (download.status() === 200) expect(download.headers()['content-length']).toBe(String((await download.body()).byteLength));
});

test('the demo agent of npm start is enrolled at the gateway', () => {
  const credentials = JSON.parse(readFileSync(path.join(DATA_DIR, 'agent', 'credentials.json'), 'utf8')) as { portalUrl: string };
  expect(credentials.portalUrl).toBe(E2E.gatewayUrl);
});
