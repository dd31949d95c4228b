/**
 * The channel and deployments against a real Postgres: revisions grow with every change, a
 * LISTEN/NOTIFY watcher wakes on commit, reports settle deployment targets batch by batch, a failed
 * upgrade rolls back, and alarms follow the reported states.
 */
import { getPrisma, type DbClient } from '@mecport/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { recordHeartbeat, recordNodeReport } from './agent-reports';
import { listAlarms } from '../alarms/read-alarms';
import { raiseOfflineAlarms } from '../alarms/alarms';
import { advanceDeployment, advanceDeploymentsOfNode } from '../deployments/advance-deployment';
import { createDeployment } from '../deployments/create-deployment';
import { getDeployment } from '../deployments/read-deployments';
import { buildDesiredState } from './desired-state';
import { enrolNode, freshOperator, newNode, OPTIONS, readDesiredRevision } from '../../testing/edge-fixtures';
import { terminateInstance } from '../deployments/instances';
import { listMapNodes } from '../nodes/map-nodes';
import { RevisionWatcher } from './revision-watch';
import type { TInstanceStatus } from '@mecport/contracts';

let db: DbClient;
let watcher: RevisionWatcher;
beforeAll(() => {
  db = getPrisma();
  watcher = new RevisionWatcher(process.env.DATABASE_URL as string);
});
afterAll(() => watcher.close());

const METRICS = { cpuPercent: 12.5, memUsedBytes: 1e9, memTotalBytes: 8e9, diskUsedBytes: 1e10, diskTotalBytes: 1e11, load1: 0.5, load5: 0.4, load15: 0.3 };
const running = (id: string, state: TInstanceStatus['state'] = 'RUNNING'): TInstanceStatus => ({ appInstanceId: id, state, restarts: 0, ready: true, message: null, digestMismatch: false });

async function publishedVersion(version = '1.0.0', appId?: string) {
  const dev = await freshDeveloper(db);
  const app = appId ? { id: appId } : await newApp(db, dev);
  return { dev, app, version: await newVersion(db, dev, app.id, { version, publish: true }) };
}

/** The agent's side of one revision: read the desired state and report every instance in `state`. */
async function agentApplies(nodeId: string, tenantId: string, state: TInstanceStatus['state'] = 'RUNNING') {
  const desired = await buildDesiredState(db, nodeId, 10);
  await recordNodeReport(db, { nodeId, tenantId }, { appliedRevision: desired.revision, outcome: 'applied', message: null, instances: desired.appInstances.map((i) => running(i.appInstanceId, state)) });
  await advanceDeploymentsOfNode(db, nodeId);
  return desired;
}

describe('desired state and the watcher', () => {
  it('wakes a long-poll when a deployment bumps the revision, and carries the AppD rules in MEC 011 form', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const { version } = await publishedVersion();
    const before = await readDesiredRevision(db, node.id);
    const waiting = watcher.waitForChange(node.id, before, 10_000, () => readDesiredRevision(db, node.id));
    const deploymentId = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, deploymentId);
    expect(await waiting).toBe(before + 1);
    const desired = await buildDesiredState(db, node.id, 10);
    expect(desired.revision).toBe(before + 1);
    expect(desired.appInstances).toHaveLength(1);
    const [instance] = desired.appInstances;
    expect(instance?.package).toEqual({ sha256: version.packageDigest, size: 1024, path: `/api/v1/edge/nodes/${node.id}/packages/${version.packageDigest}` });
    expect(instance?.trafficRules[0]).toMatchObject({ trafficRuleId: 'tr-1', action: 'FORWARD_DECAPSULATED', state: 'ACTIVE' });
    expect(instance?.dnsRules[0]).toMatchObject({ dnsRuleId: 'dns-1', domainName: 'video.edge.example', state: 'ACTIVE' });
  });

  it('answers at once when the revision is already newer, even with no time to wait', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const revision = await readDesiredRevision(db, node.id);
    expect(await watcher.waitForChange(node.id, revision - 1, 0, () => readDesiredRevision(db, node.id))).toBe(revision);
  });

  it('times out with null when nothing changes', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    expect(await watcher.waitForChange(node.id, 0, 300, () => readDesiredRevision(db, node.id))).toBeNull();
  });
});

describe('deployments', () => {
  async function fleet(op: TActor, n: number) {
    const nodes = [];
    for (let i = 0; i < n; i += 1) nodes.push(await newNode(db, op, { labels: { region: 'south', idx: String(i) } }));
    return nodes;
  }

  it('rolls out batch by batch by label selector and succeeds when every node runs the app', async () => {
    const op = await freshOperator(db);
    const nodes = await fleet(op, 3);
    const { version } = await publishedVersion();
    const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'labels', selector: 'region=south' }, batchSize: 2, stopOnFailure: true });
    await advanceDeployment(db, id);
    let d = await getDeployment(db, op.tenant.id, id);
    expect(d.counts).toMatchObject({ applying: 2, pending: 1 });
    for (const t of d.targets.filter((x) => x.status === 'applying')) await agentApplies(t.nodeId, op.tenant.id);
    d = await getDeployment(db, op.tenant.id, id);
    expect(d.counts).toMatchObject({ succeeded: 2, applying: 1 });
    const last = d.targets.find((t) => t.status === 'applying');
    await agentApplies(last!.nodeId, op.tenant.id);
    d = await getDeployment(db, op.tenant.id, id);
    expect(d.status).toBe('succeeded');
    expect(d.targets.every((t) => t.instanceState === 'RUNNING')).toBe(true);
    const map = await listMapNodes(db, op.tenant.id, { appId: version.appId }, OPTIONS);
    expect(map.items.map((m) => m.id).sort()).toEqual(nodes.map((n) => n.id).sort());
  });

  it('stops after a failed batch and skips the rest', async () => {
    const op = await freshOperator(db);
    await fleet(op, 2);
    const { version } = await publishedVersion();
    const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'labels', selector: 'region=south' }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, id);
    const first = (await getDeployment(db, op.tenant.id, id)).targets.find((t) => t.status === 'applying');
    await agentApplies(first!.nodeId, op.tenant.id, 'FAILED');
    const d = await getDeployment(db, op.tenant.id, id);
    expect(d.status).toBe('failed');
    expect(d.counts).toMatchObject({ failed: 1, skipped: 1 });
  });

  it('a heartbeat about the old version does not pass for the upgrade; a failed upgrade rolls back', async () => {
    const op = await freshOperator(db);
    const [node] = await fleet(op, 1);
    const v1 = await publishedVersion('1.0.0');
    const v2 = await newVersion(db, v1.dev, v1.app.id, { version: '2.0.0', publish: true });
    const install = await createDeployment(db, op, { appVersionId: v1.version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [node!.id] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, install);
    const installed = await agentApplies(node!.id, op.tenant.id);
    const instanceId = installed.appInstances[0]!.appInstanceId;

    const upgrade = await createDeployment(db, op, { appVersionId: v2.id, kind: 'upgrade', target: { kind: 'nodes', nodeIds: [node!.id] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, upgrade);
    // A stale heartbeat (agent still on the old revision) says RUNNING: not enough.
    await recordHeartbeat(db, { nodeId: node!.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: installed.revision, metrics: METRICS, instances: [running(instanceId)], services: [] });
    await advanceDeploymentsOfNode(db, node!.id);
    expect((await getDeployment(db, op.tenant.id, upgrade)).counts.applying).toBe(1);

    const desired = await agentApplies(node!.id, op.tenant.id, 'CRASH_LOOP');
    expect(desired.appInstances[0]?.appVersionId).toBe(v2.id);
    const d = await getDeployment(db, op.tenant.id, upgrade);
    expect(d.targets[0]?.status).toBe('rolled_back');
    const rolledBack = await buildDesiredState(db, node!.id, 10);
    expect(rolledBack.appInstances[0]?.appVersionId).toBe(v1.version.id);
    expect(rolledBack.revision).toBeGreaterThan(desired.revision);
    const alarms = await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' });
    expect(alarms.items.map((a) => a.kind)).toContain('instance_crash_loop');
  });

  it('refuses unpublished versions and targets outside the tenant', async () => {
    const op = await freshOperator(db);
    const stranger = await freshOperator(db);
    const foreign = await newNode(db, stranger);
    const dev = await freshDeveloper(db);
    const app = await newApp(db, dev);
    const draft = await newVersion(db, dev, app.id);
    await expect(createDeployment(db, op, { appVersionId: draft.id, kind: 'install', target: { kind: 'nodes', nodeIds: [foreign.id] }, batchSize: 1, stopOnFailure: true })).rejects.toThrow(/published/);
    const { version } = await publishedVersion();
    await expect(createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [foreign.id] }, batchSize: 1, stopOnFailure: true })).rejects.toThrow(/not in your tenant/);
  });
});

describe('termination, heartbeats and alarms', () => {
  it('terminating removes the instance from the desired state; the report of its absence removes it for good', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const { version } = await publishedVersion();
    const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, id);
    const desired = await agentApplies(node.id, op.tenant.id);
    const instanceId = desired.appInstances[0]!.appInstanceId;
    const terminating = await terminateInstance(db, op, instanceId);
    expect(terminating.terminating).toBe(true);
    const after = await buildDesiredState(db, node.id, 10);
    expect(after.appInstances).toEqual([]);
    await recordNodeReport(db, { nodeId: node.id, tenantId: op.tenant.id }, { appliedRevision: after.revision, outcome: 'applied', message: null, instances: [] });
    expect((await db.appInstance.findUniqueOrThrow({ where: { id: instanceId } })).removedAt).not.toBeNull();
  });

  it('raises node_offline for silent enrolled nodes and clears it on the next heartbeat', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const agent = await enrolNode(db, op, node.id);
    await db.edgeNode.update({ where: { id: node.id }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    expect((await listMapNodes(db, op.tenant.id, { status: 'offline' }, OPTIONS)).items.map((n) => n.id)).toEqual([node.id]);
    await raiseOfflineAlarms(db, 30);
    await raiseOfflineAlarms(db, 30);
    const open = await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' });
    expect(open.items.filter((a) => a.kind === 'node_offline')).toHaveLength(1);
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open', kind: 'node_offline', nodeId: node.id })).items).toHaveLength(1);
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open', kind: 'instance_crash_loop' })).items).toHaveLength(0);
    await recordHeartbeat(db, { nodeId: agent.nodeId, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: 0, metrics: METRICS, instances: [], services: [] });
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items).toEqual([]);
    expect((await listMapNodes(db, op.tenant.id, { status: 'online' }, OPTIONS)).items.map((n) => n.id)).toEqual([node.id]);
  });
});
