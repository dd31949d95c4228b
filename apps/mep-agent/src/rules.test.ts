/**
 * Issue 12 on the agent, with the real agent process against FakePortal: the apps' rules on the
 * data plane (memory adapter) with a result per rule in the report, the node's DNS server asked
 * by the real `dig`, an app switching its DNS rule through Mp1 (at once, reported to the portal,
 * retried, kept across a restart, not undone by an older rule-set version), and a kill in the
 * middle of applying rules.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredAppInstance } from '@mecport/contracts';
import type { TDnsRule } from '@mecport/contracts/mec011';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cli } from './testing/agent-process';
import { dig } from './testing/dns-tools';
import { FakePortal } from './testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const bundle = inject('agentBundle');
let portal: FakePortal;
const nodes: TestNode[] = [];

beforeAll(async () => {
  portal = await FakePortal.start();
});
afterAll(() => portal.stop());
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.cleanup()));
});

const HELLO: TDnsRule = { dnsRuleId: 'dns-hello-edge-1', domainName: 'hello-edge.mec.example', ipAddressType: 'IP_V4', ipAddress: '127.0.0.1', ttl: 60, state: 'ACTIVE' };
const V6: TDnsRule = { dnsRuleId: 'dns-hello-edge-6', domainName: 'hello-edge.mec.example', ipAddressType: 'IP_V6', ipAddress: 'fd00::8', ttl: 30, state: 'ACTIVE' };

async function dnsNode(env: Record<string, string> = {}): Promise<{ n: TestNode; dnsPort: number; instance: TDesiredAppInstance; start: (extra?: Record<string, string>) => void }> {
  const n = await TestNode.enrol(bundle, portal);
  nodes.push(n);
  const dnsPort = await freePort();
  const start = (extra: Record<string, string> = {}) => void n.start({ MECPORT_AGENT_DNS_PORT: String(dnsPort), MECPORT_AGENT_DNS_HOST: '127.0.0.1', ...env, ...extra });
  const base = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port: await freePort() })));
  const instance: TDesiredAppInstance = {
    ...base,
    trafficRules: [{ trafficRuleId: 'tr-hello-edge-1', filterType: 'FLOW', priority: 1, trafficFilter: [{ dstPort: ['8090'], protocol: ['TCP'] }], action: 'FORWARD_DECAPSULATED', dstInterface: { interfaceType: 'IP', dstIpAddress: '127.0.0.1' }, state: 'ACTIVE' }],
    dnsRules: [HELLO, V6],
  };
  n.appIds.add(instance.appInstanceId);
  return { n, dnsPort, instance, start };
}

/** The app's own Mp1 call: GET the rule, PUT it back with another state (what MEC 011 allows an app). */
async function switchDnsRule(n: TestNode, appInstanceId: string, ruleId: string, state: 'ACTIVE' | 'INACTIVE'): Promise<number> {
  const { env } = (await n.record(appInstanceId)).spec;
  const root = `http://127.0.0.1:${n.mp1Port}`;
  const tokenRes = await fetch(`${root}/oauth2/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.MP1_CLIENT_ID!, client_secret: env.MP1_CLIENT_SECRET! }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const url = `${root}/mec_app_support/v1/applications/${appInstanceId}/dns_rules/${ruleId}`;
  const rule = (await (await fetch(url, { headers: { authorization: `Bearer ${access_token}` } })).json()) as TDnsRule;
  const res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...rule, state }) });
  return res.status;
}

const addresses = async (port: number, type = 'A') => (await dig(port, 'hello-edge.mec.example', type)).answers.map((a) => `${a.data} ${a.ttl}`);

describe('rules on the agent', () => {
  it('applies the rules, reports a result per rule, answers the DNS rules with their TTL; status names the DNS server and the adapter', async () => {
    const { n, dnsPort, instance, start } = await dnsNode();
    start();
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 1 });
    const report = await n.waitReport(1);
    expect(report.ruleResults).toEqual([
      { appInstanceId: instance.appInstanceId, kind: 'traffic', ruleId: 'tr-hello-edge-1', state: 'applied' },
      { appInstanceId: instance.appInstanceId, kind: 'dns', ruleId: 'dns-hello-edge-1', state: 'applied' },
      { appInstanceId: instance.appInstanceId, kind: 'dns', ruleId: 'dns-hello-edge-6', state: 'applied' },
    ]);
    expect(await addresses(dnsPort)).toEqual(['127.0.0.1 60']);
    expect(await addresses(dnsPort, 'AAAA')).toEqual(['fd00::8 30']);
    expect((await dig(dnsPort, 'hello-edge.mec.example', 'A', ['+tcp'])).answers).toHaveLength(1);

    const status = await cli(bundle, ['status', '--data-dir', n.dataDir]);
    expect(status.stdout).toContain(`dns         127.0.0.1:${dnsPort} (udp+tcp), upstreams none (other names REFUSED)`);
    expect(status.stdout).toMatch(/data plane +memory adapter, 1 instances, rules: 3 applied, 0 failed/);

    portal.setDesired(n.nodeId, [{ ...instance, desiredState: 'STOPPED' }], undefined, { ruleSetVersion: 2 });
    expect((await n.waitReport(2)).ruleResults).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'dns-hello-edge-1', state: 'removed' })]));
    expect((await dig(dnsPort, 'hello-edge.mec.example', 'A')).status).toBe('REFUSED'); // a stopped app's names are not answered
  });

  it('an app switches its DNS rule through Mp1: DNS follows at once, the portal is told, and an older rule-set version does not undo it', async () => {
    const { n, dnsPort, instance, start } = await dnsNode();
    start();
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 1 });
    await n.waitReport(1);
    await waitFor('the app registered on Mp1', async () => (await n.mp1Services(instance.appInstanceId)) !== undefined);

    expect(await switchDnsRule(n, instance.appInstanceId, HELLO.dnsRuleId, 'INACTIVE')).toBe(200);
    expect((await dig(dnsPort, 'hello-edge.mec.example', 'A')).answers).toEqual([]); // NODATA: the name still has its AAAA rule
    expect(await addresses(dnsPort, 'AAAA')).toEqual(['fd00::8 30']);
    const taken = await waitFor('the rule state at the portal', () => portal.node(n.nodeId).ruleStates[0]);
    expect(taken.changes).toEqual([{ appInstanceId: instance.appInstanceId, kind: 'dns', ruleId: HELLO.dnsRuleId, state: 'INACTIVE', at: expect.any(String) }]);
    const report = await waitFor('a report with the switched rule', () => n.reports.find((r) => r.ruleResults?.some((x) => x.ruleId === HELLO.dnsRuleId) && r !== n.reports[0]));
    expect(report.appliedRevision).toBe(1);

    // A revision made before the portal took the switch (same rule-set version, the rule still ACTIVE) keeps it off.
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 1 });
    await n.waitReport(2);
    expect(await addresses(dnsPort)).toEqual([]);
    // The portal's next version carries the switch; a later one (an operator turned it on again) wins.
    portal.setDesired(n.nodeId, [{ ...instance, dnsRules: [{ ...HELLO, state: 'INACTIVE' }, V6] }], undefined, { ruleSetVersion: 2 });
    await n.waitReport(3);
    expect(await addresses(dnsPort)).toEqual([]);
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 3 });
    await n.waitReport(4);
    expect(await addresses(dnsPort)).toEqual(['127.0.0.1 60']);
    expect(JSON.parse(JSON.stringify(await n.file('rule-states.json')))).toEqual({ overrides: [], unsent: [] });
  });

  it('rule states the portal answered 503 to stay in the outbox on disk, and an agent killed meanwhile delivers them after its restart', async () => {
    const { n, dnsPort, instance, start } = await dnsNode();
    start();
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 1 });
    await n.waitReport(1);
    await waitFor('the app registered on Mp1', async () => (await n.mp1Services(instance.appInstanceId)) !== undefined);
    portal.node(n.nodeId).ruleStateAnswers.push({ status: 503, retryAfter: '120' });

    expect(await switchDnsRule(n, instance.appInstanceId, HELLO.dnsRuleId, 'INACTIVE')).toBe(200);
    await waitFor('the refused call', () => portal.calls.some((c) => c.path === '/api/v1/edge/rule-states' && c.status === 503));
    const unsent = await waitFor('the change in the outbox on disk', async () => {
      const file = (await n.file('rule-states.json')) as { unsent: unknown[] };
      return file.unsent.length === 1 ? file : undefined;
    });
    expect(unsent).toMatchObject({ overrides: [{ ruleId: HELLO.dnsRuleId, state: 'INACTIVE', supersededAt: null }] });
    await n.kill('SIGKILL');

    start();
    const taken = await waitFor('the rule state at the portal after the restart', () => portal.node(n.nodeId).ruleStates[0], 30_000);
    expect(taken.changes).toEqual([expect.objectContaining({ ruleId: HELLO.dnsRuleId, state: 'INACTIVE' })]);
    await waitFor('DNS up again', async () => (await dig(dnsPort, 'hello-edge.mec.example', 'AAAA').catch(() => undefined))?.answers.length === 1);
    expect(await addresses(dnsPort)).toEqual([]); // the switch still holds after the restart
  });

  it('killed after applying rules but before the revision was recorded: the restart completes it, rules and DNS included', async () => {
    const { n, dnsPort, instance, start } = await dnsNode();
    start({ MECPORT_AGENT_PAUSE_AT: 'rules:after-apply' });
    portal.setDesired(n.nodeId, [instance], undefined, { ruleSetVersion: 1 });
    await waitFor('the agent to reach the pause point', () => n.exists('paused-at'));
    await n.kill('SIGKILL');
    expect(await n.exists('journal.json')).toBe(true);
    await rm(join(n.dataDir, 'paused-at'));

    start();
    const report = await n.waitReport(1);
    expect(report.ruleResults?.map((r) => `${r.ruleId} ${r.state}`)).toEqual(['tr-hello-edge-1 applied', 'dns-hello-edge-1 applied', 'dns-hello-edge-6 applied']);
    await waitFor('DNS answering', async () => (await addresses(dnsPort).catch(() => [])).length === 1);
    expect(await n.exists('journal.json')).toBe(false);
  });
});
