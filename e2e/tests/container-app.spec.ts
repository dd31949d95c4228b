/**
 * Issue 14's browser path: an operator deploys the container sample (Hello Container, published
 * by `npm start`'s demo store with its image archive in the package) from the edge map to the
 * demo node, whose runtime setting is Podman and whose real MEP agent runs it under real Podman.
 * The operator sees it RUNNING, ready, with its Mp1 service `hello-container` listed for the node
 * and the image digest that ran on the instance page: the digest the package's AppD pins.
 * The test terminates it at the end, so the agent removes the pod.
 */
import type { TAppInstanceDetail, TCatalogPage, TEdgeNodePage, TNodeDetail, TStoreAppDetail } from '@mecport/contracts';
import type { APIRequestContext, Page } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

test.describe.configure({ timeout: 300_000 });

const SAMPLE_PORT = 8093;

async function get<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await call(request, { method: 'GET', path }, await tokenFor('operator'));
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function demoNodeId(request: APIRequestContext): Promise<string> {
  const page = await get<TEdgeNodePage>(request, '/api/v1/edge/nodes?q=local-demo-node');
  const node = page.items.find((n) => n.name === 'local-demo-node');
  expect(node, 'npm start created the demo node').toBeTruthy();
  return node!.id;
}

/** The digest the published sample pins (its AppD's swImageDescriptor, as the store's version says). */
async function pinnedDigest(request: APIRequestContext): Promise<string> {
  const catalog = await get<TCatalogPage>(request, '/api/v1/store/apps?q=hello-container');
  const app = catalog.items.find((a) => a.slug === 'hello-container');
  expect(app, 'the demo store published Hello Container (busybox-static is installed)').toBeTruthy();
  const detail = await get<TStoreAppDetail>(request, `/api/v1/store/apps/${app!.id}`);
  const workload = detail.versions.find((v) => v.version === '1.0.0')?.workload;
  expect(workload?.runtime).toBe('container');
  const digest = workload?.runtime === 'container' ? workload.images[0]?.digest : undefined;
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  return digest!;
}

async function pickDemoNodeOnTheMap(page: Page): Promise<void> {
  await page.getByTestId('map-search').fill('local-demo-node');
  await expect(page.getByTestId('edge-map')).toHaveAttribute('data-marker-count', '1');
  await page.locator('.leaflet-marker-icon.edge-node-marker[title^="local-demo-node — "]').click();
  const panel = page.getByTestId('node-panel');
  await expect(panel.getByTestId('node-panel-name')).toHaveText('local-demo-node');
  await panel.getByTestId('node-panel-select').click();
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', '1');
}

test('the operator deploys the container sample from the map to the demo node and sees it running with its Mp1 service and image digest', async ({ page, request }) => {
  const nodeId = await demoNodeId(request);
  const digest = await pinnedDigest(request);
  // The demo node is online with its agent before anything is deployed to it.
  await expect.poll(async () => (await get<TNodeDetail>(request, `/api/v1/edge/nodes/${nodeId}`)).node.status, { timeout: 120_000, intervals: [1000] }).toBe('online');

  await signIn(page, 'operator', '/edge-map');
  await pickDemoNodeOnTheMap(page);
  // The node's runtime setting is Podman, and its agent reported Podman installed.
  const facts = page.getByTestId('node-panel').getByTestId('node-facts');
  await expect(facts.getByTestId('node-container-runtime')).toContainText('Podman');
  await expect(facts.getByTestId('node-podman')).toHaveAttribute('data-podman', 'available');
  await page.getByTestId('deploy-selected').click();
  await page.waitForURL(`**/edge-map/deployments/new?nodeIds=${nodeId}`);
  await expect(page.getByTestId('target-preview')).toHaveAttribute('data-count', '1');
  await page.getByTestId('deploy-app').click();
  await page.getByTestId('deploy-app').fill('Hello Container');
  await page.getByRole('option', { name: 'Hello Container' }).click();
  await expect(page.getByTestId('deploy-version')).toHaveValue(/^1\.0\.0/);
  await page.getByTestId('deploy-review').click();
  const review = page.getByTestId('deployment-review');
  await expect(review.getByTestId('review-app')).toHaveText('Install Hello Container 1.0.0');
  await review.getByTestId('deployment-review-start').click();

  // The real agent loads the image from the package, checks its digest and plays the pod.
  await page.waitForURL(/\/edge-map\/deployments\/[0-9a-f-]{36}$/);
  const target = page.locator(`[data-testid="target-row"][data-node-id="${nodeId}"]`);
  await expect(page.getByTestId('deployment-detail')).toHaveAttribute('data-status', 'succeeded', { timeout: 180_000 });
  await expect(target.getByTestId('instance-state')).toHaveAttribute('data-state', 'RUNNING');

  await target.getByTestId('target-instance-link').click();
  await page.waitForURL(/\/edge-map\/instances\/[0-9a-f-]{36}$/);
  const instanceId = page.url().split('/').at(-1)!;
  const instance = page.getByTestId('instance-page');
  await expect(instance.getByTestId('instance-app')).toContainText('Hello Container');
  await expect(instance.getByTestId('instance-state')).toHaveAttribute('data-state', 'RUNNING');
  await expect(instance.getByTestId('instance-ready').locator('[data-ready]')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(instance.getByTestId('instance-image-digest')).toHaveText(digest, { timeout: 60_000 });

  // Its Mp1 service is listed for the node (the map's side panel), and the app itself answers.
  await page.goto('/edge-map');
  await pickDemoNodeOnTheMap(page);
  const panel = page.getByTestId('node-panel');
  await panel.getByTestId('node-panel-apps-tab').click();
  await expect(panel.getByTestId('node-services')).toContainText('hello-container', { timeout: 60_000 });
  const status = await (await request.get(`http://127.0.0.1:${SAMPLE_PORT}/status.json`)).json() as { mp1: string; appInstanceId: string };
  expect(status).toMatchObject({ mp1: 'ready', appInstanceId: instanceId });

  // Terminated, the agent removes the pod and says so.
  expect((await call(request, { method: 'POST', path: `/api/v1/edge/instances/${instanceId}/terminate` }, await tokenFor('operator'))).status()).toBe(202);
  await expect.poll(async () => (await get<TAppInstanceDetail>(request, `/api/v1/edge/instances/${instanceId}`)).state, { timeout: 90_000, intervals: [1000] }).toBe('REMOVED');
});
