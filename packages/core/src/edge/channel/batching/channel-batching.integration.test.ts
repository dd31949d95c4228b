/**
 * The channel's batched reads and group-committed writes against a real Postgres: many agents at
 * once get their own documents from shared queries, their reports settle a deployment, and a
 * settlement happens exactly once.
 */
import type { TInstanceStatus } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDeveloper, newApp, newVersion } from '../../../testing/store-fixtures';
import { recordNodeReport } from '../agent-reports';
import { advanceDeployment } from '../../deployments/advance-deployment';
import { createDeployment } from '../../deployments/create-deployment';
import { getDeployment } from '../../deployments/read-deployments';
import { failTarget } from '../../deployments/settle-targets';
import { enrolNode, freshOperator, newNode } from '../../../testing/edge-fixtures';
import { revokeNode } from '../enrolment';
import { listAlarms } from '../../alarms/read-alarms';
import { AgentWrites } from './agent-writes';
import { ChannelReads } from './channel-reads';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const METRICS = { cpuPercent: 5, memUsedBytes: 1e9, memTotalBytes: 8e9, diskUsedBytes: 1e10, diskTotalBytes: 1e11, load1: 0.1, load5: 0.1, load15: 0.1 };
const status = (id: string, state: TInstanceStatus['state']): TInstanceStatus => ({ appInstanceId: id, state, restarts: state === 'CRASH_LOOP' ? 5 : 0, ready: state === 'RUNNING', message: null, digestMismatch: false });

/** An operator, `n` nodes and an install of a fresh published version on all of them, started. */
async function deployedFleet(n: number) {
  const op = await freshOperator(db);
  const nodes = await Promise.all(Array.from({ length: n }, () => newNode(db, op)));
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev);
  const version = await newVersion(db, dev, app.id, { version: '1.0.0', publish: true });
  const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: nodes.map((x) => x.id) }, batchSize: n, stopOnFailure: false });
  await advanceDeployment(db, id);
  return { op, nodes, deploymentId: id, appId: app.id, dev };
}

/** Counts the node queries a ChannelReads makes. */
function countingDb(counter: { nodeQueries: number }): DbClient {
  return { edgeNode: { findMany: (args: never) => { counter.nodeQueries += 1; return db.edgeNode.findMany(args); } }, appInstance: db.appInstance } as unknown as DbClient;
}

describe('ChannelReads', () => {
  it('answers many nodes asking at once from one query each, every node its own document', async () => {
    const { nodes } = await deployedFleet(4);
    const counter = { nodeQueries: 0 };
    const reads = new ChannelReads(() => countingDb(counter), { heartbeatIntervalSec: 7 });
    const docs = await Promise.all(nodes.map((n) => reads.desired.load(n.id)));
    expect(counter.nodeQueries).toBe(1);
    expect(docs.map((d) => d.nodeId)).toEqual(nodes.map((n) => n.id));
    for (const doc of docs) {
      expect(doc.revision).toBe(1);
      expect(doc.heartbeatIntervalSec).toBe(7);
      expect(doc.appInstances).toHaveLength(1);
      expect(doc.appInstances[0]!.package.path).toContain(`/nodes/${doc.nodeId}/packages/`);
    }
    const revisions = await Promise.all(nodes.map((n) => reads.revisions.load(n.id)));
    expect(revisions).toEqual([1, 1, 1, 1]);
    expect(counter.nodeQueries).toBe(2);
    await expect(reads.desired.load('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/No node/);
  });

  it('finds a node by its credential id, and nothing once the node is revoked', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const agent = await enrolNode(db, op, node.id);
    const reads = new ChannelReads(() => db, { heartbeatIntervalSec: 10 });
    const [found, unknown] = await Promise.all([reads.credentials.load(agent.credentialId), reads.credentials.load('00000000-0000-4000-8000-000000000000')]);
    expect(found).toMatchObject({ id: node.id, tenantId: op.tenant.id });
    expect(unknown).toBeNull();
    await revokeNode(db, op, node.id);
    expect(await reads.credentials.load(agent.credentialId)).toBeNull();
  });
});

describe('AgentWrites', () => {
  it('records the reports of many nodes arriving together and settles their deployment', async () => {
    const { op, nodes, deploymentId } = await deployedFleet(6);
    const reads = new ChannelReads(() => db, { heartbeatIntervalSec: 10 });
    const writes = new AgentWrites(() => db);
    const docs = await Promise.all(nodes.map((n) => reads.desired.load(n.id)));
    await Promise.all(docs.map((doc) => writes.report({ nodeId: doc.nodeId, tenantId: op.tenant.id }, {
      appliedRevision: doc.revision, outcome: 'applied', message: null, instances: doc.appInstances.map((i) => status(i.appInstanceId, 'RUNNING')),
    })));
    const d = await getDeployment(db, op.tenant.id, deploymentId);
    expect(d.status).toBe('succeeded');
    expect(d.targets.every((t) => t.status === 'succeeded' && t.instanceState === 'RUNNING')).toBe(true);
    const applied = await db.edgeNode.findMany({ where: { id: { in: nodes.map((n) => n.id) } }, select: { appliedRevision: true } });
    expect(applied.map((n) => n.appliedRevision)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('records heartbeats of many nodes with their metrics, and a node\'s newer one after its older one', async () => {
    const { op, nodes } = await deployedFleet(3);
    const writes = new AgentWrites(() => db);
    const node = (id: string) => ({ nodeId: id, tenantId: op.tenant.id });
    const beat = (cpuPercent: number) => ({ agentVersion: 'batch-test', appliedRevision: 0, metrics: { ...METRICS, cpuPercent }, instances: [], services: [] });
    const firsts = nodes.map((n) => writes.heartbeat(node(n.id), beat(10)));
    await new Promise((resolve) => setTimeout(resolve, 2)); // a metric sample is keyed by node and millisecond
    await Promise.all([...firsts, writes.heartbeat(node(nodes[0]!.id), beat(90))]);
    const rows = await db.nodeMetric.findMany({ where: { nodeId: { in: nodes.map((n) => n.id) } } });
    expect(rows).toHaveLength(4);
    const first = await db.edgeNode.findUniqueOrThrow({ where: { id: nodes[0]!.id } });
    expect(first.agentVersion).toBe('batch-test');
    expect((first.lastMetrics as { cpuPercent: number }).cpuPercent).toBe(90);
    expect(first.lastHeartbeatAt).not.toBeNull();
  });

  it('a crash loop reported twice keeps one open alarm and fails neither report', async () => {
    const { op, nodes } = await deployedFleet(1);
    const doc = await new ChannelReads(() => db, { heartbeatIntervalSec: 10 }).desired.load(nodes[0]!.id);
    const report = { appliedRevision: doc.revision, outcome: 'applied' as const, message: null, instances: [status(doc.appInstances[0]!.appInstanceId, 'CRASH_LOOP')] };
    await recordNodeReport(db, { nodeId: doc.nodeId, tenantId: op.tenant.id }, report);
    await recordNodeReport(db, { nodeId: doc.nodeId, tenantId: op.tenant.id }, report);
    const open = await listAlarms(db, op.tenant.id, { limit: 10, state: 'open', kind: 'instance_crash_loop' });
    expect(open.items).toHaveLength(1);
  });
});

describe('settling', () => {
  it('fails (and rolls back) a target exactly once when two settle it at the same moment', async () => {
    const { op, nodes, appId, dev, deploymentId: installId } = await deployedFleet(1);
    const nodeId = nodes[0]!.id;
    const installed = await new ChannelReads(() => db, { heartbeatIntervalSec: 10 }).desired.load(nodeId);
    await recordNodeReport(db, { nodeId, tenantId: op.tenant.id }, { appliedRevision: installed.revision, outcome: 'applied', message: null, instances: [status(installed.appInstances[0]!.appInstanceId, 'RUNNING')] });
    await advanceDeployment(db, installId);
    const v2 = await newVersion(db, dev, appId, { version: '2.0.0', publish: true });
    const upgradeId = await createDeployment(db, op, { appVersionId: v2.id, kind: 'upgrade', target: { kind: 'nodes', nodeIds: [nodeId] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, upgradeId);
    const target = await db.deploymentTarget.findUniqueOrThrow({ where: { deploymentId_nodeId: { deploymentId: upgradeId, nodeId } } });
    const before = (await db.edgeNode.findUniqueOrThrow({ where: { id: nodeId } })).desiredRevision;
    const deployment = { id: upgradeId, kind: 'upgrade' };
    const outcomes = await Promise.all([0, 1].map(() => db.$transaction((tx) => failTarget(tx, deployment, target, 'instance CRASH_LOOP'))));
    expect(outcomes.sort()).toEqual([false, true]);
    expect((await db.edgeNode.findUniqueOrThrow({ where: { id: nodeId } })).desiredRevision).toBe(before + 1);
    expect((await getDeployment(db, op.tenant.id, upgradeId)).targets[0]?.status).toBe('rolled_back');
  });
});
