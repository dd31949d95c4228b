/**
 * What deployments leave behind (issue 10, items 6, 7 and part of 12), with the whole stack:
 * - the real demo agent's Hello Edge holds port 8090: a second app declaring 8090 is refused on
 *   that node (409 naming the port, the node and the instance) and nothing is created;
 * - a failed install withdraws its instance: the target says so, the instance page shows desired
 *   Removed and why;
 * - a crash-loop alarm names the app and the node in 简体中文, with the agent's message
 *   translated from its code; terminate makes the instance desired Removed and clears the alarm
 *   with the reason.
 * The other nodes are played through the agent API (support/edge-node-sim.ts).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TAppInstanceDetail, TDeploymentDetail, TEdgeNodePage, TNodeDetail } from '@mecport/contracts';
import type { APIRequestContext } from '@playwright/test';
import { alarmRow } from '../support/alarm-row';
import { call, expectProblem } from '../support/auth-matrix';
import { nodeName, simulatedNode } from '../support/edge-node-sim';
import { expect, test } from '../support/published-app';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

const HELLO_EDGE = path.resolve(import.meta.dirname, '../../packages/app-package/examples/hello-edge');

/** Hello Edge as another app (its own appDId) that keeps the example's port 8090. */
async function otherAppOn8090(dir: string, version: string): Promise<string> {
  const folder = path.join(dir, `port-8090-${version}`);
  cpSync(HELLO_EDGE, folder, { recursive: true });
  const descriptor = path.join(folder, 'Definitions/hello-edge.yaml');
  writeFileSync(descriptor, readFileSync(descriptor, 'utf8').replaceAll('3b0d7f5e-8a41-4c2e-9d6b-5f2a1c7e9b30', randomUUID()));
  const out = path.join(dir, `port-8090-${version}.csar`);
  await buildPackage({ dir: folder, out });
  return out;
}

async function get<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await call(request, { method: 'GET', path: url }, await tokenFor('operator'));
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

async function deploy(request: APIRequestContext, appVersionId: string, nodeIds: string[]) {
  return call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId, target: { kind: 'nodes', nodeIds }, batchSize: 1 } }, await tokenFor('operator'));
}

test('a second app that needs port 8090 on the demo node, where Hello Edge holds it, is refused before it starts', async ({ request, publishApp }) => {
  test.setTimeout(180_000);
  const { versions } = await publishApp(['1.0.0'], otherAppOn8090);
  const page = await get<TEdgeNodePage>(request, '/api/v1/edge/nodes?q=local-demo-node');
  const demo = page.items.find((n) => n.name === 'local-demo-node')!;
  let holder: TNodeDetail['instances'][number] | undefined;
  await expect.poll(async () => {
    holder = (await get<TNodeDetail>(request, `/api/v1/edge/nodes/${demo.id}`)).instances.find((i) => i.appName === 'Hello Edge');
    return holder?.state;
  }, { timeout: 120_000, intervals: [1000] }).toBe('RUNNING');

  const problem = await expectProblem(await deploy(request, versions[0]!.id, [demo.id]), 409);
  expect(problem.detail).toContain(`port 8090 on node local-demo-node is held by instance ${holder!.appInstanceId} of Hello Edge`);
  expect((problem as unknown as { portConflicts: unknown[] }).portConflicts).toEqual([
    expect.objectContaining({ nodeId: demo.id, port: 8090, appInstanceId: holder!.appInstanceId, appName: 'Hello Edge' }),
  ]);
  const instances = await get<{ items: TAppInstanceDetail[] }>(request, `/api/v1/edge/instances?nodeId=${demo.id}`);
  expect(instances.items.filter((i) => i.appVersionId === versions[0]!.id)).toEqual([]);
});

test('a failed install withdraws its instance: the deployment and instance pages say so', async ({ page, request, publishApp }) => {
  const { versions } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  const created = await deploy(request, versions[0]!.id, [node.nodeId]);
  expect(created.status(), await created.text()).toBe(201);
  const deployment = (await created.json()) as TDeploymentDetail;
  const instanceId = deployment.targets[0]!.appInstanceId!;
  await node.applyAll('FAILED', { message: 'exited with code 1', messageCode: 'exited', messageParams: { exitCode: 1 } });
  expect((await node.desired()).appInstances, 'the node no longer has to run it').toEqual([]);

  await signIn(page, 'operator', `/edge-map/deployments/${deployment.id}`);
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'failed');
  const row = page.locator(`[data-testid="target-row"][data-node-id="${node.nodeId}"]`);
  await expect(row.getByTestId('target-withdrawn')).toHaveText('Its instance was withdrawn from the node: nothing of it is left to start there.');

  await page.goto(`/edge-map/instances/${instanceId}`);
  await expect(page.getByTestId('instance-desired')).toContainText('Removed');
  await expect(page.getByTestId('instance-termination')).toHaveAttribute('data-reason', 'deployment_failed');
  await expect(page.getByTestId('instance-termination')).toContainText('Withdrawn: its deployment failed on this node');
  await expect(page.getByTestId('instance-terminate')).toBeDisabled();
});

test('a crash-loop alarm names app and node in 简体中文; terminate makes the instance desired Removed and clears it with the reason', async ({ page, request, publishApp }) => {
  const { app, versions } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  const operator = await tokenFor('operator');
  const created = await deploy(request, versions[0]!.id, [node.nodeId]);
  expect(created.status(), await created.text()).toBe(201);
  const instanceId = ((await created.json()) as TDeploymentDetail).targets[0]!.appInstanceId!;
  await node.applyAll('RUNNING');
  await node.heartbeat([{
    appInstanceId: instanceId, state: 'CRASH_LOOP', restarts: 5, ready: false, digestMismatch: false,
    message: 'exited with code 1; restarting in 16 s', messageCode: 'exited', messageParams: { exitCode: 1, restartInSec: 16 },
  }]);
  const name = await nodeName(request, operator, node.nodeId);

  await signIn(page, 'operator', '/edge-map/alarms');
  try {
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const alarm = await alarmRow(page, node.nodeId, 'instance_crash_loop');
    await expect(alarm.getByTestId('alarm-detail')).toHaveText(`${app.name} 在节点 ${name} 上反复崩溃（已重启 5 次）：以退出码 1 退出；16 秒后重启`);
    await expect(alarm.getByTestId('alarm-app')).toHaveText(`应用：${app.name}`);

    await page.goto(`/edge-map/instances/${instanceId}`);
    await expect(page.getByTestId('instance-message')).toContainText('以退出码 1 退出；16 秒后重启');
    await page.getByTestId('instance-terminate').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('instance-desired')).toContainText('已移除');
    await expect(page.getByTestId('instance-termination')).toHaveAttribute('data-reason', 'operator');

    await page.goto('/edge-map/alarms?state=cleared');
    const cleared = await alarmRow(page, node.nodeId, 'instance_crash_loop');
    await expect(cleared.getByTestId('alarm-cleared')).toHaveAttribute('data-reason', 'instance_terminated');
    await expect(cleared.getByTestId('alarm-cleared')).toContainText('其应用实例已被终止');
  } finally {
    const reset = await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'en' } }, operator);
    expect(reset.status()).toBe(200);
  }
  const instance = await get<TAppInstanceDetail>(request, `/api/v1/edge/instances/${instanceId}`);
  expect(instance).toMatchObject({ desiredState: 'REMOVED', terminationReason: 'operator', terminating: true });
});
