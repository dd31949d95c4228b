/**
 * The node list, a node's page and the map's side panel show relative times ("5 seconds ago")
 * without a console error (issue 10: next-intl's ENVIRONMENT_FALLBACK on every load), in both
 * languages.
 */
import type { TEdgeNodePage } from '@mecport/contracts';
import { call } from '../support/auth-matrix';
import { consoleErrors, switchLanguage } from '../support/console-errors';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { tokenFor } from '../support/tokens';

const NODE = 'local-demo-node';

test('relative times on the node list, node page and side panel log no console error', async ({ page, request }) => {
  const found = await call(request, { method: 'GET', path: `/api/v1/edge/nodes?q=${NODE}` }, await tokenFor('operator'));
  const node = ((await found.json()) as TEdgeNodePage).items.find((n) => n.name === NODE)!;
  expect(node.lastHeartbeatAt, 'the demo agent sends heartbeats').toBeTruthy();
  const errors = consoleErrors(page);

  await signIn(page, 'operator', '/edge-map/nodes');
  const row = page.getByTestId('node-row').filter({ hasText: NODE });
  await expect(row).toContainText(/ago|now/);
  await switchLanguage(page, 'zh-CN');
  await expect(row).toContainText(/前|现在/);
  await switchLanguage(page, 'en');
  await expect(row).toContainText(/ago|now/);
  await expect(row.getByRole('link', { name: NODE })).toHaveAttribute('href', `/edge-map/nodes/${node.id}`);

  await page.goto(`/edge-map/nodes/${node.id}`);
  await expect(page.getByTestId('node-facts')).toContainText(/ago|now/);

  await page.goto(`/edge-map?q=${NODE}`);
  await page.locator(`.leaflet-marker-icon.edge-node-marker[title^="${NODE} — "]`).click();
  await expect(page.getByTestId('node-panel').getByTestId('node-facts')).toContainText(/ago|now/);
  expect(errors.map(String)).toEqual([]);
});
