/**
 * Upgrades with rollback and the alarms they raise, in the portal: an upgrade started from the
 * app-instance page whose new version crash-loops is rolled back and raises a crash-loop alarm,
 * which the operator acknowledges and then clears; a package that fails its digest check on the
 * node raises a critical alarm; another tenant sees none of them.
 *
 * The node's side (desired state, reports) is played by the test through the agent's own API
 * calls (support/edge-node-sim.ts); the real MEP agent is tested on its own (apps/mep-agent).
 */
import type { TAlarm, TDeploymentDetail } from '@mecport/contracts';
import type { APIRequestContext } from '@playwright/test';
import { alarmRow } from '../support/alarm-row';
import { call } from '../support/auth-matrix';
import { simulatedNode, type SimulatedNode } from '../support/edge-node-sim';
import { expect, test } from '../support/published-app';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

/** Installs a version on the node and has the node run it; returns the instance id. */
async function installed(request: APIRequestContext, node: SimulatedNode, appVersionId: string): Promise<{ deployment: TDeploymentDetail; instanceId: string }> {
  const response = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId, target: { kind: 'nodes', nodeIds: [node.nodeId] }, batchSize: 1 } }, await tokenFor('operator'));
  expect(response.status(), await response.text()).toBe(201);
  const deployment = (await response.json()) as TDeploymentDetail;
  return { deployment, instanceId: deployment.targets[0]!.appInstanceId! };
}

test('an upgrade whose new version crash-loops is rolled back and raises an alarm, which is acknowledged and then cleared', async ({ page, request, publishApp }) => {
  test.setTimeout(120_000);
  const { token, versions } = await publishApp(['1.0.0', '2.0.0']);
  const [v1, v2] = versions;
  const node = await simulatedNode(request);
  const { instanceId } = await installed(request, node, v1!.id);
  await node.applyAll('RUNNING');

  // From the instance page, "Upgrade" opens the form with the app, the node and the kind chosen.
  await signIn(page, 'operator', `/edge-map/instances/${instanceId}`);
  await expect(page.getByTestId('instance-version')).toContainText('1.0.0');
  await page.getByTestId('instance-upgrade').click();
  await expect(page.getByTestId('deploy-app')).toHaveValue(`Deploy probe ${token}`);
  await expect(page.getByTestId('deploy-version')).toHaveValue('2.0.0 (x86_64)');
  await expect(page.getByTestId('deploy-kind-upgrade')).toBeChecked();
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('target-preview-upgrade')).toHaveText('1 of 1 run this app and will be upgraded; the others are skipped.');
  await page.getByTestId('deploy-review').click();
  await expect(page.getByTestId('review-app')).toHaveText(`Upgrade Deploy probe ${token} to 2.0.0`);
  await page.getByTestId('deployment-review-start').click();
  await page.waitForURL(/\/edge-map\/deployments\/[0-9a-f-]{36}$/);
  const row = page.locator(`[data-testid="target-row"][data-node-id="${node.nodeId}"]`);
  await expect(row).toHaveAttribute('data-status', 'applying');

  // The node gets version 2 of the same instance, which crash-loops.
  const upgrading = await node.desired();
  expect(upgrading.appInstances.map((i) => [i.appInstanceId, i.appVersionId])).toEqual([[instanceId, v2!.id]]);
  await node.applyAll('CRASH_LOOP', { restarts: 5, message: 'exited with code 1' });

  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'rolled_back');
  await expect(row).toHaveAttribute('data-status', 'rolled_back');
  await expect(row.getByTestId('target-message')).toContainText('rolled back to the previous version');
  await expect(page.getByTestId('deployment-message')).toBeVisible();
  const rolledBack = await node.desired();
  expect(rolledBack.appInstances.map((i) => [i.appInstanceId, i.appVersionId]), 'the node is asked to run version 1 again').toEqual([[instanceId, v1!.id]]);

  // The crash loop raised an alarm; acknowledge it, then clear it after a confirmation.
  await page.goto('/edge-map/alarms');
  const alarm = await alarmRow(page, node.nodeId, 'instance_crash_loop');
  await expect(alarm).toHaveAttribute('data-state', 'active');
  await expect(alarm.getByTestId('alarm-kind')).toHaveText('App instance crash-looping');
  await expect(alarm.getByTestId('alarm-severity')).toHaveAttribute('data-severity', 'major');
  await expect(alarm.getByTestId('alarm-instance-link')).toHaveAttribute('href', `/edge-map/instances/${instanceId}`);
  await alarm.getByTestId('alarm-acknowledge').click();
  await expect(alarm).toHaveAttribute('data-state', 'acknowledged');
  await expect(page.getByTestId('alarm-action-done')).toHaveText('Alarm acknowledged.');
  await expect(alarm.getByTestId('alarm-acknowledge')).toHaveCount(0);
  await expect(alarm).toContainText('by Olga Operator');

  await alarm.getByTestId('alarm-clear').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('Clear the alarm “App instance crash-looping”?');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('alarm-action-done')).toHaveText('Alarm cleared.');
  await expect(alarm).toHaveCount(0);

  // It is kept under "Cleared", and the API agrees.
  await page.getByTestId('alarm-filter').getByText('Cleared').click();
  await expect(page).toHaveURL(/state=cleared/);
  await expect(await alarmRow(page, node.nodeId, 'instance_crash_loop')).toHaveAttribute('data-state', 'cleared');
  const open = (await (await call(request, { method: 'GET', path: '/api/v1/edge/alarms?state=open&limit=100' }, await tokenFor('operator'))).json()) as { items: TAlarm[] };
  expect(open.items.filter((a) => a.appInstanceId === instanceId)).toEqual([]);
});

test('a package that fails its digest check on the node raises a critical alarm and fails the deployment', async ({ page, request, publishApp }) => {
  const { versions } = await publishApp(['1.0.0']);
  const node = await simulatedNode(request);
  const { deployment, instanceId } = await installed(request, node, versions[0]!.id);
  await node.applyAll('FAILED', { digestMismatch: true, message: 'package sha256 does not match the desired state' });

  await signIn(page, 'operator', '/edge-map/alarms?state=active');
  const alarm = await alarmRow(page, node.nodeId, 'package_digest_mismatch');
  await expect(alarm.getByTestId('alarm-kind')).toHaveText('Package digest mismatch');
  await expect(alarm.getByTestId('alarm-severity')).toHaveAttribute('data-severity', 'critical');
  await alarm.getByTestId('alarm-instance-link').click();
  await page.waitForURL(`**/edge-map/instances/${instanceId}`);
  await expect(page.getByTestId('instance-state')).toHaveAttribute('data-state', 'FAILED');
  await expect(page.getByTestId('instance-message')).toContainText('sha256 does not match');

  await page.goto(`/edge-map/deployments/${deployment.id}`);
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'failed');
});

test('another tenant\'s operator sees no alarm of this tenant: the empty state says so', async ({ page }) => {
  await signIn(page, 'globex-operator', '/edge-map/alarms?state=acknowledged');
  await expect(page.getByRole('heading', { level: 1, name: 'Alarms' })).toBeVisible();
  await expect(page.getByTestId('alarms-empty')).toContainText('No alarms');
  await expect(page.getByTestId('alarm-row')).toHaveCount(0);
});
