/**
 * Rule changes against a real Postgres (issue 12): apply writes the instances' rules, a version
 * and a revision per node, rollout rows and the audit event in one go; refused changes write
 * nothing; versions restore and changes roll back; agents' reports settle the rollout (applied
 * only when confirmed), retry re-issues failed nodes; apps' Mp1 switches become changes; another
 * tenant sees nothing.
 */
import { AppError, type TDesiredState, type TNodeReport, type TRuleChangeRequest, type TRuleResult } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { freshOperator, newNode } from '../../testing/edge-fixtures';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { recordNodeReport } from '../channel/agent-reports';
import { buildDesiredState } from '../channel/desired-state';
import { startDeployment } from '../deployments/start-deployment';
import { recordAppRuleStates } from './app-rule-states';
import { nodeRules } from './node-rules';
import { getRuleChange, listRuleChanges } from './read-rule-changes';
import { restoreRuleSetVersion, retryRuleChange, rollbackRuleChange } from './restore-rule-sets';
import { dryRunRuleChange, submitRuleChange } from './rule-changes';
import { getRuleSetVersion, listRuleSetVersions } from './rule-set-versions';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

interface TFleet { op: TActor; appId: string; nodes: { id: string; name: string }[]; instanceOf: Map<string, string> }

/** `n` nodes of a fresh operator, each running one instance of a published app (its AppD has tr-1 and dns-1). */
async function fleet(n: number): Promise<TFleet> {
  const op = await freshOperator(db);
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev);
  const version = await newVersion(db, dev, app.id, { publish: true });
  const nodes = [];
  for (let i = 0; i < n; i += 1) nodes.push(await newNode(db, op));
  const deployment = await startDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: nodes.map((x) => x.id) }, batchSize: n, stopOnFailure: false });
  const instances = await db.appInstance.findMany({ where: { deploymentId: deployment.id }, select: { id: true, nodeId: true } });
  return { op, appId: app.id, nodes: nodes.map((x) => ({ id: x.id, name: x.name })), instanceOf: new Map(instances.map((i) => [i.nodeId, i.id])) };
}

const dnsRule = (id: string, ipAddress = '10.0.0.20') => ({ dnsRuleId: id, domainName: `${id}.mec.example`, ipAddressType: 'IP_V4' as const, ipAddress, ttl: 30, state: 'ACTIVE' as const });
const onNodes = (f: TFleet, edits: TRuleChangeRequest['edits'], nodes = f.nodes): TRuleChangeRequest => ({ selection: { kind: 'nodes', nodeIds: nodes.map((x) => x.id), appId: f.appId }, edits, note: 'test' });
const desired = (nodeId: string) => buildDesiredState(db, nodeId, 10);
const dnsIds = (d: TDesiredState) => d.appInstances.flatMap((i) => i.dnsRules.map((r) => `${r.dnsRuleId}:${r.state}`));

/** The node's agent reports its current desired revision applied, with `results` (undefined: none, as an older agent). */
async function report(f: TFleet, nodeId: string, results?: (d: TDesiredState) => TRuleResult[], outcome: TNodeReport['outcome'] = 'applied') {
  const d = await desired(nodeId);
  await recordNodeReport(db, { nodeId, tenantId: f.op.tenant.id }, {
    appliedRevision: d.revision, outcome, message: outcome === 'failed' ? 'journal failed' : null,
    instances: d.appInstances.map((i) => ({ appInstanceId: i.appInstanceId, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false })),
    ...(results ? { ruleResults: results(d) } : {}),
  });
}
const allApplied = (d: TDesiredState): TRuleResult[] => d.appInstances.flatMap((i) => [
  ...i.trafficRules.map((r) => ({ appInstanceId: i.appInstanceId, kind: 'traffic' as const, ruleId: r.trafficRuleId, state: 'applied' as const })),
  ...i.dnsRules.map((r) => ({ appInstanceId: i.appInstanceId, kind: 'dns' as const, ruleId: r.dnsRuleId, state: 'applied' as const })),
]);

describe('applying a rule change', () => {
  it('writes rules, a version and a revision per node, pending rollout rows and the audit event; the desired state follows', async () => {
    const f = await fleet(2);
    const before = await desired(f.nodes[0]!.id);
    expect(before.ruleSetVersion).toBe(0);
    expect(dnsIds(before)).toEqual(['dns-1:ACTIVE']);
    const change = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('extra') }, { op: 'setState', kind: 'traffic', ruleId: 'tr-1', state: 'INACTIVE' }]));
    expect(change).toMatchObject({ kind: 'edit', status: 'rolling_out', counts: { pending: 2, applied: 0 }, createdBy: f.op.subject });
    expect(change.diff).toHaveLength(4); // per node: dns added, traffic changed
    for (const node of f.nodes) {
      const d = await desired(node.id);
      expect(d.ruleSetVersion).toBe(1);
      expect(d.revision).toBe(before.revision + 1);
      expect(dnsIds(d)).toEqual(['dns-1:ACTIVE', 'extra:ACTIVE']);
      expect(d.appInstances[0]!.trafficRules[0]!.state).toBe('INACTIVE');
      expect(change.nodes.find((n) => n.nodeId === node.id)).toMatchObject({ version: 1, revision: d.revision, status: 'pending', reason: null });
    }
    const version = await getRuleSetVersion(db, f.op.tenant.id, f.nodes[0]!.id, 1);
    expect(version.changeId).toBe(change.id);
    expect(version.instances[0]!.dnsRules.map((r) => r.dnsRuleId)).toEqual(['dns-1', 'extra']);
    const audit = await db.auditEvent.findFirst({ where: { tenantId: f.op.tenant.id, action: 'edge.rules.edit', targetId: change.id } });
    expect(audit?.data).toMatchObject({ note: 'test', nodes: 2, changes: 4 });
    const versions = await listRuleSetVersions(db, f.op.tenant.id, f.nodes[0]!.id, { limit: 20 });
    expect(versions.items.map((v) => [v.version, v.createdBy])).toEqual([[1, f.op.subject], [0, 'appd']]);
    expect((await listRuleChanges(db, f.op.tenant.id, { limit: 5 })).items.map((c) => [c.id, c.nodeCount, c.changeCount])).toEqual([[change.id, 2, 4]]);
  });

  it('refuses an edit of a rule an instance lacks with the dry-run report, writing nothing', async () => {
    const f = await fleet(1);
    const revision = (await desired(f.nodes[0]!.id)).revision;
    const request = onNodes(f, [{ op: 'delete', kind: 'dns', ruleId: 'no-such-rule' }]);
    const report = await dryRunRuleChange(db, f.op.tenant.id, request);
    expect(report.canApply).toBe(false);
    // The dry run may warn about the AppD's rules too; the one error is the missing rule.
    expect(report.nodes[0]!.findings.filter((x) => x.severity === 'error')).toEqual([expect.objectContaining({ code: 'instance_not_found', ruleId: 'no-such-rule', kind: 'dns' })]);
    const refused = await submitRuleChange(db, f.op, request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'conflict', extensions: { report: { totals: { errors: 1 } } } });
    expect((await desired(f.nodes[0]!.id)).revision).toBe(revision);
    expect(await db.ruleChange.count({ where: { tenantId: f.op.tenant.id } })).toBe(0);
    expect(await db.ruleSetVersion.count({ where: { nodeId: f.nodes[0]!.id } })).toBe(0);
  });

  it('refuses a change that changes nothing (409) and selections that match nothing (400)', async () => {
    const f = await fleet(1);
    await expect(submitRuleChange(db, f.op, onNodes(f, [{ op: 'setState', kind: 'dns', ruleId: 'dns-1', state: 'ACTIVE' }]))).rejects.toMatchObject({ code: 'conflict' });
    const other = await freshDeveloper(db);
    const otherApp = await newApp(db, other);
    await expect(submitRuleChange(db, f.op, { ...onNodes(f, [{ op: 'putDns', rule: dnsRule('x') }]), selection: { kind: 'nodes', nodeIds: [f.nodes[0]!.id], appId: otherApp.id } })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('versions, restore and rollback', () => {
  it('restores an earlier version as a new one, and version 0 sends every instance back to its AppD rules', async () => {
    const f = await fleet(1);
    const node = f.nodes[0]!;
    await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('a') }]));
    await submitRuleChange(db, f.op, onNodes(f, [{ op: 'delete', kind: 'dns', ruleId: 'dns-1' }]));
    expect(dnsIds(await desired(node.id))).toEqual(['a:ACTIVE']);
    const restored = await restoreRuleSetVersion(db, f.op, node.id, 1);
    expect(restored).toMatchObject({ kind: 'restore', nodes: [{ version: 3 }] });
    expect(dnsIds(await desired(node.id))).toEqual(['dns-1:ACTIVE', 'a:ACTIVE']);
    await restoreRuleSetVersion(db, f.op, node.id, 0);
    const d = await desired(node.id);
    expect([d.ruleSetVersion, dnsIds(d)]).toEqual([4, ['dns-1:ACTIVE']]);
    const stored = await db.appInstance.findUniqueOrThrow({ where: { id: f.instanceOf.get(node.id)! } });
    expect([stored.trafficRules, stored.dnsRules]).toEqual([null, null]);
    await expect(restoreRuleSetVersion(db, f.op, node.id, 0)).rejects.toMatchObject({ code: 'conflict' });
    await expect(restoreRuleSetVersion(db, f.op, node.id, 99)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('rolls a change back on every node of it', async () => {
    const f = await fleet(2);
    const first = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('keep') }]));
    const second = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'delete', kind: 'dns', ruleId: 'dns-1' }, { op: 'putDns', rule: dnsRule('keep', '10.0.0.99') }]));
    const rollback = await rollbackRuleChange(db, f.op, second.id);
    expect(rollback).toMatchObject({ kind: 'rollback', rollbackOf: second.id, counts: { pending: 2 } });
    for (const node of f.nodes) {
      const d = await desired(node.id);
      expect(dnsIds(d)).toEqual(['dns-1:ACTIVE', 'keep:ACTIVE']);
      expect(d.appInstances[0]!.dnsRules[1]!.ipAddress).toBe('10.0.0.20');
    }
    await rollbackRuleChange(db, f.op, first.id); // first's node versions were 1: back to version 0, the AppD's
    expect(dnsIds(await desired(f.nodes[1]!.id))).toEqual(['dns-1:ACTIVE']);
  });
});

describe('settling rollouts from reports', () => {
  it('applies with every rule confirmed, fails with the adapter\'s reason, retries, and supersedes skipped revisions', async () => {
    const f = await fleet(2);
    const [ok, bad] = [f.nodes[0]!, f.nodes[1]!];
    await db.edgeNode.updateMany({ where: { id: { in: [ok.id, bad.id] } }, data: { dataPlane: { adapter: 'nftables', settings: {} } } });
    const change = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('x') }]));
    await report(f, ok.id, allApplied);
    await report(f, bad.id, (d) => allApplied(d).map((r) => (r.ruleId === 'x' ? { ...r, state: 'failed', reason: 'nft: table busy' } : r)));
    const settled = await getRuleChange(db, f.op.tenant.id, change.id);
    expect(settled.status).toBe('partially_failed');
    expect(settled.nodes.find((n) => n.nodeId === ok.id)).toMatchObject({ status: 'applied', reason: null });
    expect(settled.nodes.find((n) => n.nodeId === bad.id)).toMatchObject({ status: 'failed', reason: 'dns rule x: nft: table busy' });
    const rules = await nodeRules(db, f.op.tenant.id, bad.id);
    expect(rules.statuses.find((s) => s.ruleId === 'x')).toMatchObject({ state: 'failed', reason: 'nft: table busy' });
    expect(rules.appliedVersion).toBe(0);
    expect((await nodeRules(db, f.op.tenant.id, ok.id)).appliedVersion).toBe(1);

    const revision = (await desired(bad.id)).revision;
    const retried = await retryRuleChange(db, f.op, change.id);
    expect(retried.nodes.find((n) => n.nodeId === bad.id)).toMatchObject({ status: 'pending', revision: revision + 1 });
    await expect(retryRuleChange(db, f.op, change.id)).rejects.toMatchObject({ code: 'conflict' });
    await report(f, bad.id); // nftables without rule results confirms nothing
    expect((await getRuleChange(db, f.op.tenant.id, change.id)).nodes.find((n) => n.nodeId === bad.id)).toMatchObject({ status: 'failed', reason: expect.stringContaining('no rule results') });
    await retryRuleChange(db, f.op, change.id);
    await report(f, bad.id, allApplied);
    expect((await getRuleChange(db, f.op.tenant.id, change.id)).status).toBe('applied');

    const older = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('y') }], [f.nodes[0]!]));
    const newer = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('z') }], [f.nodes[0]!]));
    await report(f, ok.id, allApplied);
    expect((await getRuleChange(db, f.op.tenant.id, older.id)).nodes[0]!.status).toBe('superseded');
    expect((await getRuleChange(db, f.op.tenant.id, newer.id)).nodes[0]!.status).toBe('applied');
  });

  it('takes the revision applied as enough on the memory data plane, and a failed report fails the rollout', async () => {
    const f = await fleet(2);
    const change = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('m') }]));
    await report(f, f.nodes[0]!.id);
    await report(f, f.nodes[1]!.id, undefined, 'failed');
    const settled = await getRuleChange(db, f.op.tenant.id, change.id);
    expect(settled.nodes.find((n) => n.nodeId === f.nodes[0]!.id)?.status).toBe('applied');
    expect(settled.nodes.find((n) => n.nodeId === f.nodes[1]!.id)).toMatchObject({ status: 'failed', reason: 'journal failed' });
    expect((await nodeRules(db, f.op.tenant.id, f.nodes[0]!.id)).statuses.find((s) => s.ruleId === 'm')?.state).toBe('applied');
  });
});

describe('an app switching its rules through Mp1', () => {
  it('becomes a change made by the app, with a new version and revision, and the status names the app', async () => {
    const f = await fleet(2);
    const node = f.nodes[0]!;
    const instanceId = f.instanceOf.get(node.id)!;
    const revision = (await desired(node.id)).revision;
    await recordAppRuleStates(db, { nodeId: node.id, tenantId: f.op.tenant.id }, { changes: [{ appInstanceId: instanceId, kind: 'dns', ruleId: 'dns-1', state: 'INACTIVE', at: new Date().toISOString() }] });
    const d = await desired(node.id);
    expect([d.revision, d.ruleSetVersion, dnsIds(d)]).toEqual([revision + 1, 1, ['dns-1:INACTIVE']]);
    const [change] = (await listRuleChanges(db, f.op.tenant.id, { limit: 1 })).items;
    expect(change).toMatchObject({ kind: 'app', createdBy: `app:${instanceId}` });
    const rules = await nodeRules(db, f.op.tenant.id, node.id);
    expect(rules.statuses.find((s) => s.ruleId === 'dns-1')).toMatchObject({ stateChangedBy: `app:${instanceId}` });
    expect(rules.dnsAnswers).toEqual([]); // INACTIVE (and the instance not reported running yet)

    const elsewhere = f.instanceOf.get(f.nodes[1]!.id)!;
    const switchOf = (id: string) => ({ changes: [{ appInstanceId: id, kind: 'dns' as const, ruleId: 'dns-1', state: 'INACTIVE' as const, at: new Date().toISOString() }] });
    await expect(recordAppRuleStates(db, { nodeId: node.id, tenantId: f.op.tenant.id }, switchOf(elsewhere))).rejects.toMatchObject({ code: 'forbidden' });
    const stranger = await fleet(1);
    await expect(recordAppRuleStates(db, { nodeId: node.id, tenantId: f.op.tenant.id }, switchOf(stranger.instanceOf.get(stranger.nodes[0]!.id)!))).rejects.toMatchObject({ code: 'not-found' });
    expect((await desired(f.nodes[1]!.id)).ruleSetVersion).toBe(0);
  });

  it('answers DNS for the ACTIVE rules of running instances', async () => {
    const f = await fleet(1);
    await report(f, f.nodes[0]!.id);
    const rules = await nodeRules(db, f.op.tenant.id, f.nodes[0]!.id);
    expect(rules.dnsAnswers).toEqual([expect.objectContaining({ domainName: 'video.edge.example', ipAddress: '10.0.0.10', ttl: 300, appInstanceId: f.instanceOf.get(f.nodes[0]!.id) })]);
  });
});

describe('tenants', () => {
  it('keep their nodes, instances, changes and versions to themselves (404)', async () => {
    const f = await fleet(1);
    const change = await submitRuleChange(db, f.op, onNodes(f, [{ op: 'putDns', rule: dnsRule('t') }]));
    const other = await freshOperator(db);
    const t = other.tenant.id;
    const node = f.nodes[0]!.id;
    await expect(nodeRules(db, t, node)).rejects.toMatchObject({ code: 'not-found' });
    await expect(getRuleChange(db, t, change.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(listRuleSetVersions(db, t, node, { limit: 5 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(getRuleSetVersion(db, t, node, 1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(restoreRuleSetVersion(db, other, node, 0)).rejects.toMatchObject({ code: 'not-found' });
    await expect(rollbackRuleChange(db, other, change.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(retryRuleChange(db, other, change.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(submitRuleChange(db, other, { selection: { kind: 'instances', appInstanceIds: [f.instanceOf.get(node)!] }, edits: [{ op: 'putDns', rule: dnsRule('u') }], note: '' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(submitRuleChange(db, other, { ...onNodes(f, [{ op: 'putDns', rule: dnsRule('u') }]) })).rejects.toMatchObject({ code: 'validation' });
    expect((await desired(node)).ruleSetVersion).toBe(1);
  });
});
