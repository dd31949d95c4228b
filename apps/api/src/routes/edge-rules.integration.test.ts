/**
 * The rules API on the wire (issue 12), through the portal's real Hono app on loopback: invalid
 * rules refused with the field named and nothing stored or sent; a change from dry run to
 * rollback; 409 carrying the dry-run report; the roles; an agent's rule switches limited to its node.
 */
import type { TDryRunReport, TNodeRules, TRuleChange } from '@mecport/contracts';
import { startDeployment } from '@mecport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolNode, type TEnrolled } from '../../../../packages/core/src/testing/edge-fixtures';
import { freshDeveloper, newApp, newVersion } from '../../../../packages/core/src/testing/store-fixtures';
import { freshIdentity } from '../../../../packages/core/src/testing/identities';
import { operatorWithToken, type TOperator } from '../testing/fleet-fixtures';
import { startReliabilityStack, type TReliabilityStack } from '../testing/reliability-stack';

let stack: TReliabilityStack;
let operator: TOperator;
let appId: string;
let nodes: TEnrolled[];
let instanceOf: Map<string, string>;

beforeAll(async () => {
  stack = await startReliabilityStack();
  const { db } = stack;
  operator = await operatorWithToken(db, stack.issuer);
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev);
  appId = app.id;
  const version = await newVersion(db, dev, app.id, { publish: true });
  const { newNode } = await import('../../../../packages/core/src/testing/edge-fixtures');
  nodes = [];
  for (let i = 0; i < 2; i += 1) nodes.push(await enrolNode(db, operator.actor, (await newNode(db, operator.actor)).id));
  const deployment = await startDeployment(db, operator.actor, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: nodes.map((n) => n.nodeId) }, batchSize: 2, stopOnFailure: false });
  const instances = await db.appInstance.findMany({ where: { deploymentId: deployment.id }, select: { id: true, nodeId: true } });
  instanceOf = new Map(instances.map((i) => [i.nodeId, i.id]));
});
afterAll(() => stack.close());

const dns = { dnsRuleId: 'web', domainName: 'web.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.7', ttl: 60, state: 'ACTIVE' };
const traffic = { trafficRuleId: 'steer', filterType: 'FLOW', priority: 5, action: 'FORWARD_DECAPSULATED', state: 'ACTIVE', trafficFilter: [{ dstAddress: ['10.0.0.0/24'], dstPort: ['8080'], protocol: ['TCP'] }], dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.7' } };
const request = (edits: unknown[]) => ({ selection: { kind: 'nodes', nodeIds: nodes.map((n) => n.nodeId), appId }, edits, note: 'api test' });
const call = async <T>(method: string, path: string, body?: unknown) => stack.portal.call<T>(method, path, await operator.token(), body);
const revisions = async () => (await stack.db.edgeNode.findMany({ where: { id: { in: nodes.map((n) => n.nodeId) } }, select: { desiredRevision: true } })).map((n) => n.desiredRevision).sort();

describe('invalid rules', () => {
  it.each([
    ['a bad CIDR', { op: 'putTraffic', rule: { ...traffic, trafficFilter: [{ dstAddress: ['10.0.0.0/33'] }] } }, 'edits.0.rule.trafficFilter.0.dstAddress.0'],
    ['port 70000', { op: 'putTraffic', rule: { ...traffic, trafficFilter: [{ dstPort: ['70000'] }] } }, 'edits.0.rule.trafficFilter.0.dstPort.0'],
    ['an FQDN with spaces', { op: 'putDns', rule: { ...dns, domainName: 'web mec.example' } }, 'edits.0.rule.domainName'],
    ['an IPv6 address with IP_V4', { op: 'putDns', rule: { ...dns, ipAddress: '2001:db8::7' } }, 'edits.0.rule.ipAddress'],
  ])('refuses %s with the field named, storing and sending nothing', async (_what, edit, field) => {
    const before = await revisions();
    for (const path of ['/api/v1/edge/rules/dry-run', '/api/v1/edge/rules/changes']) {
      const answer = await call<{ errors: { field: string }[] }>('POST', path, request([edit]));
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e) => e.field)).toContain(field);
    }
    expect(await revisions()).toEqual(before);
    expect(await stack.db.ruleChange.count({ where: { tenantId: operator.actor.tenant.id } })).toBe(0);
  });
});

describe('a change from dry run to rollback', () => {
  it('dry-runs, applies, reads, rolls back and restores', async () => {
    const dry = await call<TDryRunReport>('POST', '/api/v1/edge/rules/dry-run', request([{ op: 'putDns', rule: dns }, { op: 'putTraffic', rule: traffic }]));
    expect(dry.status).toBe(200);
    expect(dry.body.totals).toMatchObject({ nodes: 2, errors: 0 });
    const created = await call<TRuleChange>('POST', '/api/v1/edge/rules/changes', request([{ op: 'putDns', rule: dns }, { op: 'putTraffic', rule: traffic }]));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'edit', status: 'rolling_out', note: 'api test', counts: { pending: 2 } });
    expect((await call<TRuleChange>('GET', `/api/v1/edge/rules/changes/${created.body.id}`)).body.nodes).toHaveLength(2);
    expect((await call<{ items: { id: string }[] }>('GET', '/api/v1/edge/rules/changes?limit=1')).body.items[0]!.id).toBe(created.body.id);
    const node = nodes[0]!.nodeId;
    const rules = await call<TNodeRules>('GET', `/api/v1/edge/nodes/${node}/rules`);
    expect(rules.body).toMatchObject({ version: 1, adapter: 'memory' });
    expect(rules.body.instances[0]!.dnsRules.map((r) => r.dnsRuleId)).toEqual(['dns-1', 'web']);
    expect((await call<{ items: { version: number }[] }>('GET', `/api/v1/edge/nodes/${node}/rule-sets`)).body.items.map((v) => v.version)).toEqual([1, 0]);
    expect((await call('GET', `/api/v1/edge/nodes/${node}/rule-sets/1`)).status).toBe(200);
    expect((await call('POST', `/api/v1/edge/rules/changes/${created.body.id}/retry`)).status).toBe(409);
    const rolledBack = await call<TRuleChange>('POST', `/api/v1/edge/rules/changes/${created.body.id}/rollback`);
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body.rollbackOf).toBe(created.body.id);
    const restored = await call<TRuleChange>('POST', `/api/v1/edge/nodes/${node}/rule-sets/1/restore`);
    expect([restored.status, restored.body.kind]).toEqual([201, 'restore']);
  });

  it('answers 409 with the dry-run report when it finds errors', async () => {
    const answer = await call<{ type: string; report: TDryRunReport }>('POST', '/api/v1/edge/rules/changes', request([{ op: 'delete', kind: 'traffic', ruleId: 'ghost' }]));
    expect(answer.status).toBe(409);
    const errors = answer.body.report.nodes.flatMap((n) => n.findings.filter((f) => f.severity === 'error').map((f) => f.code));
    expect(errors).toEqual(['instance_not_found', 'instance_not_found']);
  });

  it('lets only operators and admins in, and hides another tenant\'s node', async () => {
    const identity = freshIdentity({}, ['developer']);
    const developer = await stack.issuer.sign({ sub: identity.subject, preferred_username: identity.username, tenant: identity.tenant, realm_access: { roles: identity.roles } });
    expect((await stack.portal.call('GET', '/api/v1/edge/rules/changes', developer)).status).toBe(403);
    const stranger = await operatorWithToken(stack.db, stack.issuer);
    expect((await stack.portal.call('GET', `/api/v1/edge/nodes/${nodes[0]!.nodeId}/rules`, await stranger.token())).status).toBe(404);
  });
});

describe('rule switches reported by an agent', () => {
  const switchOf = (appInstanceId: string) => ({ changes: [{ appInstanceId, kind: 'dns', ruleId: 'dns-1', state: 'INACTIVE', at: new Date().toISOString() }] });
  it('records its own node\'s switches and refuses another node\'s instance', async () => {
    const [mine, theirs] = nodes as [TEnrolled, TEnrolled];
    const own = await stack.portal.call('POST', '/api/v1/edge/rule-states', await mine.sign(), switchOf(instanceOf.get(mine.nodeId)!));
    expect(own.status).toBe(204);
    const foreign = await stack.portal.call('POST', '/api/v1/edge/rule-states', await mine.sign(), switchOf(instanceOf.get(theirs.nodeId)!));
    expect(foreign.status).toBe(403);
    const latest = (await call<{ items: { kind: string; createdBy: string }[] }>('GET', '/api/v1/edge/rules/changes?limit=1')).body.items[0]!;
    expect(latest).toMatchObject({ kind: 'app', createdBy: `app:${instanceOf.get(mine.nodeId)}` });
  });
});
