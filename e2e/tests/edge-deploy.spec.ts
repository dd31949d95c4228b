/**
 * The operator's deployment flow in the portal: the new-deployment form (with the map's
 * `?nodeIds=` preselection, keyboard only too), the live deployment page batch by batch, stop on
 * failure, stopping a running deployment, the app-instance page with its log and terminate, and
 * the pages in 简体中文.
 *
 * The nodes are enrolled through the API and their agent's part of the protocol (read the
 * desired state, report instance states, push logs) is played by the test with
 * support/edge-node-sim.ts, so each test decides what a node reports. The real MEP agent is
 * tested on its own (apps/mep-agent).
 */
import type { TDeploymentDetail, TInstanceStatus } from '@mecport/contracts';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { call, expectProblem } from '../support/auth-matrix';
import { nodeName, simulatedNode, type SimulatedNode } from '../support/edge-node-sim';
import { expect, test } from '../support/published-app';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

async function deploy(request: APIRequestContext, body: Record<string, unknown>): Promise<TDeploymentDetail> {
  const response = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body }, await tokenFor('operator'));
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as TDeploymentDetail;
}

/** The simulated node that is in the given batch of a deployment. */
function inBatch(d: TDeploymentDetail, batch: number, nodes: SimulatedNode[]): SimulatedNode {
  const target = d.targets.find((t) => t.batch === batch)!;
  return nodes.find((n) => n.nodeId === target.nodeId)!;
}

const targetRow = (page: Page, nodeId: string): Locator => page.locator(`[data-testid="target-row"][data-node-id="${nodeId}"]`);

/** Presses Tab until `target` has the focus, as a keyboard user reaches a field. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the field cannot be reached with Tab');
}

test('an operator deploys from the form to two picked nodes in batches of one and watches each node succeed', async ({ page, request, publishApp }) => {
  test.setTimeout(120_000);
  const { token, versions } = await publishApp(['1.0.0']);
  const nodes = [await simulatedNode(request), await simulatedNode(request)];
  await signIn(page, 'operator', `/edge-map/deployments/new?nodeIds=${nodes.map((n) => n.nodeId).join(',')}`);

  // The map's selection arrives preselected; the preview counts it.
  await expect(page.getByRole('heading', { level: 1, name: 'New deployment' })).toBeVisible();
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '2');
  await page.getByTestId('deploy-app').click();
  await page.getByTestId('deploy-app').fill(token);
  await page.getByRole('option', { name: `Deploy probe ${token}` }).click();
  await expect(page.getByTestId('deploy-version')).toHaveValue('1.0.0 (x86_64)');
  await page.getByTestId('deploy-batch-size').fill('1');
  await expect(page.getByTestId('target-preview-count')).toHaveText('2 nodes in 2 batches');

  await page.getByTestId('deploy-review').click();
  const review = page.getByTestId('deployment-review');
  await expect(review.getByTestId('review-app')).toHaveText(`Install Deploy probe ${token} 1.0.0`);
  await expect(review.getByTestId('review-batches')).toHaveText('2 batches of up to 1 nodes');
  await expect(review.getByTestId('review-failure')).toContainText('later batches are skipped');
  await review.getByTestId('deployment-review-start').click();

  await page.waitForURL(/\/edge-map\/deployments\/[0-9a-f-]{36}$/);
  const deploymentId = page.url().split('/').at(-1)!;
  const detail = (await (await call(request, { method: 'GET', path: `/api/v1/edge/deployments/${deploymentId}` }, await tokenFor('operator'))).json()) as TDeploymentDetail;
  expect(detail).toMatchObject({ appVersionId: versions[0]!.id, kind: 'install', batchSize: 1, stopOnFailure: true });
  const [first, second] = [inBatch(detail, 0, nodes), inBatch(detail, 1, nodes)];

  // Batch 1 applies, batch 2 waits for it.
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('deployment-live')).toBeVisible();
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'applying');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('deployment-batch')).toHaveCount(2);

  // The first node runs its instance: the page shows it without a reload and the second batch starts.
  await first.applyAll('RUNNING');
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'succeeded');
  await expect(targetRow(page, first.nodeId).getByTestId('instance-state')).toHaveAttribute('data-state', 'RUNNING');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'applying');
  await expect(page.getByTestId('deployment-progress')).toHaveAttribute('data-percent', '50');

  await second.applyAll('RUNNING');
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'succeeded');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('deployment-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('deployment-finished')).toBeVisible();
  await expect(page.getByTestId('deployment-live')).toHaveCount(0);

  // The list shows it with its counts, started by the signed-in operator.
  await page.getByTestId('edge-crumbs').getByRole('link', { name: 'Deployments' }).click();
  const row = page.locator(`[data-testid="deployment-row"][data-deployment-id="${deploymentId}"]`);
  await expect(row.getByTestId('deployment-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(row.locator('[data-status="succeeded"][data-count="2"]')).toBeVisible();
  await expect(row.getByTestId('created-by')).toHaveText('you');
});

test('stop on failure: a FAILED report in the first batch skips the second, whose node never gets the app', async ({ page, request, publishApp }) => {
  const { versions } = await publishApp(['1.0.0']);
  const nodes = [await simulatedNode(request), await simulatedNode(request)];
  const created = await deploy(request, { appVersionId: versions[0]!.id, target: { kind: 'nodes', nodeIds: nodes.map((n) => n.nodeId) }, batchSize: 1, stopOnFailure: true });
  const [first, second] = [inBatch(created, 0, nodes), inBatch(created, 1, nodes)];

  await signIn(page, 'operator', `/edge-map/deployments/${created.id}`);
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'applying');
  await first.applyAll('FAILED', { message: 'exec format error' });

  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'failed');
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'failed');
  await expect(targetRow(page, first.nodeId).getByTestId('target-message')).toContainText('exec format error');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'skipped');
  await expect(targetRow(page, second.nodeId).getByTestId('target-message')).toContainText('stop on failure');
  await expect(page.getByTestId('deployment-message')).toBeVisible();
  await expect(page.getByTestId('deployment-progress')).toHaveAttribute('data-percent', '100');
  expect((await second.desired()).appInstances, 'the skipped node was never asked to run the app').toEqual([]);
});

test('an operator stops a deployment after its first batch started: the waiting node is skipped and never gets the app', async ({ page, request, publishApp }) => {
  const { versions } = await publishApp(['1.0.0']);
  const nodes = [await simulatedNode(request), await simulatedNode(request)];
  const created = await deploy(request, { appVersionId: versions[0]!.id, target: { kind: 'nodes', nodeIds: nodes.map((n) => n.nodeId) }, batchSize: 1, stopOnFailure: true });
  const [first, second] = [inBatch(created, 0, nodes), inBatch(created, 1, nodes)];

  await signIn(page, 'operator', `/edge-map/deployments/${created.id}`);
  const detail = page.getByTestId('deployment-detail');
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'applying');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'pending');

  // The confirmation says what happens; Cancel changes nothing.
  await page.getByTestId('deployment-stop').click();
  const modal = page.getByTestId('confirm-modal');
  const dialog = page.getByRole('dialog', { name: /Stop the deployment of/ });
  await expect(dialog).toBeVisible();
  await expect(modal).toContainText('1 node that has not started yet will be skipped.');
  await expect(modal).toContainText('1 node already applying the change finishes it.');
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(detail).toHaveAttribute('data-status', 'running');

  // With the keyboard: the button, then the dialog's confirm.
  await page.getByTestId('deployment-stop').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, page.getByTestId('confirm-ok'));
  await page.keyboard.press('Enter');

  await expect(detail).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('deployment-status')).toHaveText('Stopped');
  await expect(page.getByTestId('deployment-stop')).toHaveCount(0);
  await expect(page.getByTestId('deployment-message')).toContainText('stopped by');
  await expect(targetRow(page, second.nodeId)).toHaveAttribute('data-status', 'skipped');
  await expect(targetRow(page, second.nodeId).getByTestId('target-message')).toContainText('the deployment was stopped');
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'applying');

  // The node that had started finishes, and the page still follows it; the deployment stays stopped.
  await first.applyAll('RUNNING');
  await expect(targetRow(page, first.nodeId)).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('deployment-finished')).toBeVisible();
  await expect(detail).toHaveAttribute('data-status', 'stopped');
  expect((await second.desired()).appInstances, 'the skipped node was never asked to run the app').toEqual([]);

  // Stopping it again is a conflict.
  await expectProblem(await call(request, { method: 'POST', path: `/api/v1/edge/deployments/${created.id}/stop` }, await tokenFor('operator')), 409);
});

test('a deployment that ends while the stop is being confirmed says clearly there is nothing to stop', async ({ page, request, publishApp }) => {
  const { versions } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  const created = await deploy(request, { appVersionId: versions[0]!.id, target: { kind: 'nodes', nodeIds: [node.nodeId] }, batchSize: 1 });
  await signIn(page, 'operator', `/edge-map/deployments/${created.id}`);
  await page.getByTestId('deployment-stop').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('No node is waiting for its batch');

  // Meanwhile its only node succeeds: the deployment ends while the dialog is open.
  await node.applyAll('RUNNING');
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('confirm-ok').click();
  const error = page.getByTestId('deployment-stop-error');
  await expect(error).toContainText('The deployment had already ended: there is nothing to stop');
  await expect(error).toContainText('409');
  await expect(error).toContainText('only a running deployment can be stopped');
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'succeeded');
});

test('the app-instance page shows the instance and its refreshing log, and terminates it after a confirmation', async ({ page, request, publishApp }) => {
  const { app, versions } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  const created = await deploy(request, { appVersionId: versions[0]!.id, target: { kind: 'nodes', nodeIds: [node.nodeId] }, batchSize: 1 });
  const desired = await node.applyAll('RUNNING', { restarts: 1 });
  const instanceId = desired.appInstances[0]!.appInstanceId;
  await node.logs(instanceId, ['hello-mec 1.0.0 starting', 'listening on :8080']);

  await signIn(page, 'operator', `/edge-map/deployments/${created.id}`);
  await targetRow(page, node.nodeId).getByTestId('target-instance-link').click();
  await page.waitForURL(`**/edge-map/instances/${instanceId}`);
  const instance = page.getByTestId('instance-page');
  await expect(instance.getByTestId('instance-node')).toContainText(await nodeName(request, await tokenFor('operator'), node.nodeId));
  await expect(instance.getByTestId('instance-app')).toContainText(app.name);
  await expect(instance.getByTestId('instance-version')).toContainText('1.0.0');
  await expect(instance.getByTestId('instance-state')).toHaveAttribute('data-state', 'RUNNING');
  await expect(instance.getByTestId('instance-restarts')).toContainText('1');
  await expect(instance.getByTestId('instance-ready').locator('[data-ready]')).toHaveAttribute('data-ready', 'true');
  await expect(instance.getByTestId('instance-log-lines')).toHaveText('hello-mec 1.0.0 starting\nlistening on :8080');

  // New lines show without a reload.
  await node.logs(instanceId, ['hello-mec 1.0.0 starting', 'listening on :8080', 'GET /healthz 200']);
  await expect(instance.getByTestId('instance-log-lines')).toContainText('GET /healthz 200');

  // "Upgrade" opens the form with this app and node chosen.
  const upgrade = new URL(await instance.getByTestId('instance-upgrade').getAttribute('href') ?? '', 'http://x');
  expect(Object.fromEntries(upgrade.searchParams)).toEqual({ appId: app.id, nodeIds: node.nodeId, kind: 'upgrade' });

  // Cancel changes nothing; confirming terminates.
  await instance.getByTestId('instance-terminate').click();
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('confirm-modal')).toBeHidden();
  expect((await node.desired()).appInstances.map((i) => i.appInstanceId)).toEqual([instanceId]);
  await instance.getByTestId('instance-terminate').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('graceful-termination notice');
  await page.getByTestId('confirm-ok').click();
  await expect(instance.getByTestId('instance-terminating')).toBeVisible();
  await expect(instance.getByTestId('instance-terminate')).toBeDisabled();

  // The node drops it from its desired state, stops it and reports it gone.
  const after = await node.desired();
  expect(after.appInstances).toEqual([]);
  await node.report(after.revision, [] as TInstanceStatus[]);
  await expect(instance).toHaveAttribute('data-state', 'REMOVED');
  await expect(instance.getByTestId('instance-removed')).toBeVisible();
});

test('the form works with the keyboard alone, from the app search to the confirmation', async ({ page, request, publishApp }) => {
  test.setTimeout(90_000);
  const { token } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  await signIn(page, 'operator', `/edge-map/deployments/new?nodeIds=${node.nodeId}`);
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '1');

  await tabTo(page, page.getByTestId('deploy-app'));
  await page.keyboard.type(token);
  await expect(page.getByRole('option', { name: `Deploy probe ${token}` })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('deploy-version')).toHaveValue('1.0.0 (x86_64)');
  await expect(page.getByTestId('deployment-review')).toBeHidden();

  // Enter in a field submits the form: the confirmation opens with "Back" focused, Tab reaches "Start".
  await tabTo(page, page.getByTestId('deploy-batch-size'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('deployment-review-back')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('deployment-review-start')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/edge-map\/deployments\/[0-9a-f-]{36}$/);
  await expect(targetRow(page, node.nodeId)).toHaveAttribute('data-status', 'applying');
});

test('a label selector and a node group preview the nodes they match, and the deployment goes to exactly those', async ({ page, request, publishApp }) => {
  const operator = await tokenFor('operator');
  const { token } = await publishApp(['1.0.0']);
  const [gold, silver] = [await simulatedNode(request), await simulatedNode(request)];
  const run = `r${Date.now().toString(36)}`;
  const groupResponse = await call(request, { method: 'POST', path: '/api/v1/edge/node-groups', body: { name: `Gold ${run}` } }, operator);
  expect(groupResponse.status(), await groupResponse.text()).toBe(201);
  const group = (await groupResponse.json()) as { id: string };
  for (const [node, tier] of [[gold, 'gold'], [silver, 'silver']] as const) {
    const patch = { labels: { 'e2e-run': run, tier }, ...(tier === 'gold' ? { groupId: group.id } : {}) };
    expect((await call(request, { method: 'PATCH', path: `/api/v1/edge/nodes/${node.nodeId}`, body: patch }, operator)).status()).toBe(200);
  }
  const goldName = await nodeName(request, operator, gold.nodeId);

  await signIn(page, 'operator', '/edge-map/deployments/new');
  await page.getByTestId('deploy-app').click();
  await page.getByTestId('deploy-app').fill(token);
  await page.getByRole('option', { name: `Deploy probe ${token}` }).click();

  // The group: its one node.
  await page.getByTestId('deploy-target-group').check();
  await page.getByTestId('deploy-group').click();
  await page.getByRole('option', { name: `Gold ${run} (1 node)` }).click();
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('target-preview-nodes')).toHaveText(goldName);

  // The labels, asked of the API as they are typed: both nodes, then only the gold one.
  await page.getByTestId('deploy-target-labels').check();
  await page.getByTestId('deploy-selector').fill(`e2e-run=${run}`);
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '2');
  await page.getByTestId('deploy-selector').fill(`e2e-run=${run}, tier=gold`);
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('target-preview-nodes')).toHaveText(goldName);

  await page.getByTestId('deploy-review').click();
  await expect(page.getByTestId('review-target')).toContainText(`Labels e2e-run=${run},tier=gold: 1 node`);
  await page.getByTestId('deployment-review-start').click();
  await page.waitForURL(/\/edge-map\/deployments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('deployment-facts')).toContainText(`e2e-run=${run},tier=gold`);
  await expect(page.getByTestId('target-row')).toHaveCount(1);
  await expect(targetRow(page, gold.nodeId)).toHaveAttribute('data-status', 'applying');
  expect((await silver.desired()).appInstances).toEqual([]);
});

test('an incomplete form says what is missing and nothing is sent', async ({ page }) => {
  let posted = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/edge/deployments')) posted += 1; });
  await signIn(page, 'operator', '/edge-map/deployments/new');
  await page.getByTestId('deploy-target-labels').check();
  await page.getByTestId('deploy-selector').fill('region');
  await page.getByTestId('deploy-review').click();
  await expect(page.getByText('Required', { exact: true })).toBeVisible();
  await expect(page.getByText('Write key=value pairs separated by commas')).toBeVisible();
  await expect(page.getByTestId('deploy-app')).toBeFocused();
  // A well-formed selector that matches nothing says so before anything starts.
  await page.getByTestId('deploy-selector').fill(`e2e-none=${Date.now()}`);
  await expect(page.getByTestId('target-preview-count')).toHaveText('No node matches');
  await expect(page.getByTestId('deployment-review')).toBeHidden();
  expect(posted).toBe(0);
});

test('the deployment pages and alarms speak 简体中文 when the language is switched', async ({ page, request }) => {
  const node = await simulatedNode(request);
  await signIn(page, 'operator', '/edge-map/deployments');
  try {
    await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '部署' })).toBeVisible();

    await page.goto(`/edge-map/deployments/new?nodeIds=${node.nodeId}`);
    await expect(page.getByRole('heading', { level: 1, name: '新建部署' })).toBeVisible();
    await expect(page.getByText('部署到哪里')).toBeVisible();
    await expect(page.getByTestId('target-preview-count')).toHaveText('1 个节点，分 1 批');
    await expect(page.getByTestId('deploy-review')).toHaveText('检查部署');

    await page.goto('/edge-map/alarms');
    await expect(page.getByRole('heading', { level: 1, name: '告警' })).toBeVisible();
    await expect(page.getByTestId('alarm-filter')).toContainText('未关闭');
    await expect(page.getByTestId('alarm-filter')).toContainText('已清除');
  } finally {
    // The language is kept in the profile: put it back for the tests that sign in as operator later.
    const reset = await call(request, { method: 'PUT', path: '/api/v1/me/preferences', body: { locale: 'en' } }, await tokenFor('operator'));
    expect(reset.status()).toBe(200);
  }
});
