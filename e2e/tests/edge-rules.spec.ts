/**
 * The traffic and DNS rules configurator in Chromium, from the map to a rollback, on `npm start`'s
 * demo node (its real MEP agent applies the rules and reports them): pick the node by drawing an
 * area and with Shift+click, choose Hello Edge, add a DNS rule and a traffic rule (a bad CIDR is
 * named under its field as it is typed), a dry run finds the traffic rule overlapping the app's
 * own rule at the same priority and blocks Apply, the rule is fixed, the dry run passes, Apply
 * rolls out until the agent reports the node applied, the node's side panel shows the rule and
 * the name its DNS answers, and a confirmed rollback takes both away again.
 */
import { execFileSync } from 'node:child_process';
import type { TEdgeNodePage, TNodeDetail } from '@mecport/contracts';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { signIn } from '../support/sign-in';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';

test.describe.configure({ timeout: 300_000 });

const DEMO = 'local-demo-node';
const DOMAIN = 'e2e.hello-edge.mec.example';

/** What the demo node's DNS server answers for `name` (A), asked with the real dig; '' for no answer. */
function digA(name: string): string {
  return execFileSync('dig', ['+short', '+tries=1', '+time=2', '@127.0.0.1', '-p', String(E2E.agentDnsPort), name, 'A'], { encoding: 'utf8' }).trim();
}

async function get<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await call(request, { method: 'GET', path }, await tokenFor('operator'));
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** The demo node once its agent runs Hello Edge (a fresh stack needs a minute or so). */
async function demoNode(request: APIRequestContext): Promise<string> {
  let nodeId = '';
  await expect.poll(async () => {
    const page = await get<TEdgeNodePage>(request, `/api/v1/edge/nodes?q=${DEMO}`);
    const node = page.items.find((n) => n.name === DEMO);
    if (!node) return 'no node';
    nodeId = node.id;
    const detail = await get<TNodeDetail>(request, `/api/v1/edge/nodes/${node.id}`);
    return detail.node.status === 'online' && detail.instances.some((i) => i.appName === 'Hello Edge' && i.state === 'RUNNING') ? 'ready' : 'waiting';
  }, { timeout: 150_000, intervals: [1000] }).toBe('ready');
  return nodeId;
}

const field = (scope: Locator, name: string) => scope.locator(`[data-field="${name}"]`);
const ruleRow = (page: Page, ruleId: string) => page.locator(`[data-testid="rule-row"][data-rule-id="${ruleId}"]`);
const marker = (page: Page) => page.locator(`.leaflet-marker-icon.edge-node-marker[title^="${DEMO} — "]`);

/** Draws a triangle around the demo node's marker with the polygon tool and closes it with Enter. */
async function drawAroundMarker(page: Page): Promise<void> {
  await page.getByTestId('draw-area').click();
  await marker(page).scrollIntoViewIfNeeded();
  const box = (await marker(page).boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await expect(page.getByTestId('edge-map')).toHaveAttribute('data-drawing', 'true');
  for (const [dx, dy] of [[-60, -50], [60, -50], [0, 60]] as const) await page.mouse.click(cx + dx, cy + dy);
  await page.keyboard.press('Enter');
}

/** The node's side panel, Apps tab, where the node's rules are shown. */
async function openNodeRules(page: Page, nodeId: string): Promise<Locator> {
  await page.goto(`/edge-map?node=${nodeId}`);
  await page.getByTestId('node-panel-apps-tab').click();
  const rules = page.getByTestId('node-rules');
  await expect(rules).toBeVisible();
  return rules;
}

async function waitApplied(page: Page, nodeId: string): Promise<void> {
  await expect(page.getByTestId('rule-change-page')).toBeVisible();
  await expect(page.locator(`[data-testid="rollout-node"][data-node-id="${nodeId}"]`)).toHaveAttribute('data-status', 'applied', { timeout: 120_000 });
  await expect(page.getByTestId('change-status')).toHaveText('applied');
}

test('an operator picks the demo node, adds a DNS and a traffic rule, fixes a conflict the dry run found, applies, sees it on the node, and rolls back', async ({ page, request }) => {
  const nodeId = await demoNode(request);

  // 1. Pick the node on the map: a drawn area, then Shift+click off and on again.
  await signIn(page, 'operator', `/edge-map?q=${DEMO}`);
  await expect(page.getByTestId('edge-map')).toHaveAttribute('data-rendered', 'true');
  await expect(marker(page)).toBeVisible();
  await drawAroundMarker(page);
  await expect(page.getByTestId('draw-picked')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', '1');
  await marker(page).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', '0');
  await marker(page).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-bar')).toHaveAttribute('data-selected', '1');
  await page.getByTestId('configure-rules-selected').click();

  // 2. The configurator has the node; choose Hello Edge on it. Its AppD rules are the draft's start.
  await expect(page.getByRole('heading', { level: 1, name: 'Traffic and DNS rules' })).toBeVisible();
  await expect(page.getByTestId('target-picked')).toHaveAttribute('data-count', '1');
  await page.getByTestId('target-app').click();
  await page.getByRole('option', { name: /^Hello Edge/ }).click();
  await expect(ruleRow(page, 'tr-hello-edge-1')).toHaveAttribute('data-change', 'unchanged');
  await expect(page.getByTestId('dry-run-not-yet')).toBeVisible();

  // 3a. A DNS rule.
  await page.getByTestId('add-dns-rule').click();
  const dns = page.getByTestId('dns-rule-form');
  await field(dns, 'dnsRuleId').fill('e2e-dns');
  await field(dns, 'domainName').fill(DOMAIN);
  await field(dns, 'ipAddress').fill('127.0.0.1');
  await field(dns, 'ttl').fill('60');
  await dns.getByTestId('rule-form-save').click();
  await expect(ruleRow(page, 'e2e-dns')).toHaveAttribute('data-change', 'added');

  // 3b. A traffic rule: the bad CIDR is named under its field while typing.
  await page.getByTestId('add-traffic-rule').click();
  const traffic = page.getByTestId('traffic-rule-form');
  await field(traffic, 'trafficRuleId').fill('e2e-steer');
  await field(traffic, 'priority').fill('1');
  // Another destination than the app's own rule (which forwards to 127.0.0.1): rules that overlap
  // but do the same thing are no conflict.
  await field(traffic, 'dstIpAddress').fill('127.0.0.2');
  const dstAddress = field(traffic, 'filters.0.dstAddress');
  await dstAddress.fill('10.0.0.0/33');
  await expect(dstAddress).toHaveAttribute('aria-invalid', 'true');
  await expect(traffic).toContainText('"10.0.0.0/33" is not an IPv4 or IPv6 address or CIDR range');
  await traffic.getByTestId('rule-form-save').click();
  await expect(traffic.getByTestId('form-error-count')).toHaveText('1 field needs fixing');
  await dstAddress.fill('127.0.0.1/32');
  await expect(dstAddress).not.toHaveAttribute('aria-invalid', 'true');
  // The same port and protocol as the app's own rule at the same priority, another destination: a deliberate overlap.
  await field(traffic, 'filters.0.dstPort').fill('8090');
  await field(traffic, 'filters.0.protocol').fill('TCP');
  await traffic.getByTestId('rule-form-save').click();
  await expect(ruleRow(page, 'e2e-steer')).toHaveAttribute('data-change', 'added');
  await expect(page.getByTestId('draft-edit-count')).toHaveAttribute('data-count', '2');

  // 4. The dry run finds the overlap, on the node, and Apply stays off.
  await page.getByTestId('dry-run').click();
  const report = page.getByTestId('dry-run-report');
  await expect(report).toHaveAttribute('data-can-apply', 'false');
  const node = report.locator(`[data-testid="dry-run-node"][data-node-id="${nodeId}"]`);
  await expect(node.locator('[data-testid="dry-run-finding"][data-code="overlap_same_priority"][data-severity="error"]')).toContainText('e2e-steer');
  await expect(page.getByTestId('apply-rules')).toBeDisabled();

  // Fix it: another port at a lower priority. The old report is stale until the dry run runs again.
  await ruleRow(page, 'e2e-steer').getByTestId('rule-edit').click();
  await field(traffic, 'priority').fill('2');
  await field(traffic, 'filters.0.dstPort').fill('8091');
  await traffic.getByTestId('rule-form-save').click();
  await expect(page.getByTestId('dry-run-stale')).toBeVisible();
  await expect(page.getByTestId('apply-rules')).toBeDisabled();
  await page.getByTestId('dry-run').click();
  await expect(report).toHaveAttribute('data-can-apply', 'true');
  await expect(report).toHaveAttribute('data-errors', '0');
  await expect(node.getByTestId('dry-run-diff').locator('[data-rule-id="e2e-steer"]')).toHaveAttribute('data-change', 'added');
  await expect(node.getByTestId('dry-run-diff').locator('[data-rule-id="e2e-dns"]')).toHaveAttribute('data-change', 'added');

  // 5. Apply: the change's page follows the rollout until the demo agent reports the node applied.
  await page.getByTestId('change-note').fill('e2e: steer 8091 to Hello Edge');
  await page.getByTestId('apply-rules').click();
  await page.waitForURL(/\/edge-map\/rules\/changes\/[0-9a-f-]{36}$/);
  const changeUrl = page.url();
  await waitApplied(page, nodeId);

  // 7. The node's side panel shows the rule with its state and the name its DNS answers.
  let rules = await openNodeRules(page, nodeId);
  await expect(rules.locator('[data-testid="node-rule"][data-rule-id="e2e-steer"]')).toHaveAttribute('data-state', 'ACTIVE');
  await expect(rules.getByTestId('dns-answers').locator(`[data-domain="${DOMAIN}"]`)).toContainText('Hello Edge');
  // The node's own DNS server answers the new name at once (dig, the real DNS server of the demo agent).
  await expect.poll(() => digA(DOMAIN), { timeout: 30_000 }).toBe('127.0.0.1');
  // The demo node's data plane holds rules without enforcing them, and the panel says so.
  await expect(rules.getByTestId('node-rules-adapter')).toHaveText('Data plane: memory');
  await expect(rules.getByTestId('node-rules-not-enforced')).toContainText('not enforced on packets');

  // Roll back, after the confirmation: the new change restores the node's rules, and both are gone.
  await page.goto(changeUrl);
  await page.getByTestId('rollback-change').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('Roll this change back?');
  await page.getByTestId('confirm-ok').click();
  await page.waitForURL((url) => /\/edge-map\/rules\/changes\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== changeUrl);
  await waitApplied(page, nodeId);
  rules = await openNodeRules(page, nodeId);
  await expect(rules.locator('[data-testid="node-rule"][data-rule-id="tr-hello-edge-1"]')).toBeVisible();
  await expect(rules.locator('[data-testid="node-rule"][data-rule-id="e2e-steer"]')).toHaveCount(0);
  await expect(rules.locator(`[data-domain="${DOMAIN}"]`)).toHaveCount(0);
  await expect.poll(() => digA(DOMAIN), { timeout: 30_000 }).toBe('');
  expect(digA('hello-edge.mec.example')).toBe('127.0.0.1');

  // 6. History: the node's versions list the change and its rollback; the rollback's version is current.
  await rules.getByTestId('node-rule-history').click();
  await expect(page.getByTestId('node-rule-history')).toBeVisible();
  await expect(page.getByTestId('rule-set-version').first()).toContainText('current');
});

test('the configurator speaks zh-CN, says what is missing, and its DNS form works from the keyboard with errors named in Chinese', async ({ page }) => {
  await signIn(page, 'operator', '/edge-map/rules');
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('流量与 DNS 规则');
  await expect(page.getByTestId('edge-map-tabs')).toContainText('规则');
  // Nothing picked: the page says so, and nothing can be drafted or dry-run yet.
  await expect(page.getByTestId('target-picked')).toContainText('尚未选择节点');
  await expect(page.getByTestId('target-error')).toHaveText('请至少选择一个节点。');
  await expect(page.getByTestId('draft-empty')).toBeVisible();
  await expect(page.getByTestId('add-dns-rule')).toBeDisabled();
  await expect(page.getByTestId('dry-run')).toBeDisabled();

  // A label selector with an app makes a selection; the DNS form is then filled with the keyboard only.
  await page.getByTestId('target-kind-labels').check();
  await page.getByTestId('target-selector').fill('tier=gold');
  await page.getByTestId('target-app').click();
  await page.getByRole('option').first().click();
  await expect(page.getByTestId('target-error')).toHaveCount(0);
  await page.getByTestId('add-dns-rule').focus();
  await page.keyboard.press('Enter');
  const dns = page.getByTestId('dns-rule-form');
  await expect(field(dns, 'dnsRuleId')).toBeFocused();
  await page.keyboard.type('zh-dns');
  await page.keyboard.press('Tab');
  await page.keyboard.type('bad name.example');
  await expect(dns).toContainText('由字母、数字、点和连字符组成的域名');
  await page.keyboard.press('Tab'); // the address type (IPv4)
  await page.keyboard.press('Tab');
  await page.keyboard.type('2001:db8::7');
  await expect(dns).toContainText('必须是所选类型（IPv4）的地址。');
  await page.keyboard.press('Enter'); // submits: both errors stay, the first bad field gets the focus
  await expect(dns.getByTestId('form-error-count')).toHaveText('有 2 个字段需要修正');
  await expect(field(dns, 'domainName')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dns).toHaveCount(0);

  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
