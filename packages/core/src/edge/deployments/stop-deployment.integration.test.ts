/**
 * Stopping a running deployment against a real Postgres: waiting nodes are skipped and never get
 * the app, a node already applying still settles from its report, a stopped deployment does not
 * move on, a second stop is a conflict, another tenant's deployment is not found, and it is audited.
 */
import type { TInstanceStatus } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { recordNodeReport } from '../channel/agent-reports';
import { buildDesiredState } from '../channel/desired-state';
import { freshOperator, newNode } from '../../testing/edge-fixtures';
import { advanceDeployment, advanceDeploymentsOfNode } from './advance-deployment';
import { createDeployment } from './create-deployment';
import { getDeployment } from './read-deployments';
import { settleStoppedDeployments, stopDeployment } from './stop-deployment';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const status = (id: string, state: TInstanceStatus['state']): TInstanceStatus => ({ appInstanceId: id, state, restarts: 0, ready: true, message: null, digestMismatch: false });

/** Three nodes in batches of one: the first batch is applying, two wait. */
async function runningDeployment(op: TActor) {
  const nodes = [await newNode(db, op), await newNode(db, op), await newNode(db, op)];
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev);
  const version = await newVersion(db, dev, app.id, { version: '1.0.0', publish: true });
  const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: nodes.map((n) => n.id) }, batchSize: 1, stopOnFailure: true });
  await advanceDeployment(db, id);
  const d = await getDeployment(db, op.tenant.id, id);
  expect(d.counts).toMatchObject({ applying: 1, pending: 2 });
  return { id, applying: d.targets.find((t) => t.status === 'applying')!.nodeId, waiting: d.targets.filter((t) => t.status === 'pending').map((t) => t.nodeId) };
}

/** The agent's side: read the desired state and report every instance in `state`. */
async function agentApplies(nodeId: string, tenantId: string, state: TInstanceStatus['state']) {
  const desired = await buildDesiredState(db, nodeId, 10);
  await recordNodeReport(db, { nodeId, tenantId }, { appliedRevision: desired.revision, outcome: 'applied', message: null, instances: desired.appInstances.map((i) => status(i.appInstanceId, state)) });
  await advanceDeploymentsOfNode(db, nodeId);
  return desired;
}

describe('stopping a deployment', () => {
  it('skips the waiting nodes, lets the applying one settle from its report, and never moves on', async () => {
    const op = await freshOperator(db);
    const { id, applying, waiting } = await runningDeployment(op);
    await stopDeployment(db, op, id, 'req-stop-1');

    let d = await getDeployment(db, op.tenant.id, id);
    expect(d).toMatchObject({ status: 'stopped', message: `stopped by ${op.name}` });
    expect(d.finishedAt).not.toBeNull();
    expect(d.counts).toMatchObject({ applying: 1, skipped: 2, pending: 0 });
    for (const t of d.targets.filter((x) => waiting.includes(x.nodeId))) expect(t).toMatchObject({ status: 'skipped', message: 'the deployment was stopped', appInstanceId: null });

    // The node that had started reports RUNNING: its target succeeds, the deployment stays stopped.
    await agentApplies(applying, op.tenant.id, 'RUNNING');
    d = await getDeployment(db, op.tenant.id, id);
    expect(d.status).toBe('stopped');
    expect(d.counts).toMatchObject({ succeeded: 1, skipped: 2, applying: 0 });
    expect(d.targets.find((t) => t.nodeId === applying)?.instanceState).toBe('RUNNING');

    // A step (as the watchdog's, which only picks running deployments anyway) does not start the skipped nodes.
    await advanceDeployment(db, id);
    for (const nodeId of waiting) expect((await buildDesiredState(db, nodeId, 10)).appInstances).toEqual([]);
    expect((await getDeployment(db, op.tenant.id, id)).status).toBe('stopped');
  });

  it('a failed report of a node that had started still fails its target', async () => {
    const op = await freshOperator(db);
    const { id, applying } = await runningDeployment(op);
    await stopDeployment(db, op, id);
    await agentApplies(applying, op.tenant.id, 'FAILED');
    const d = await getDeployment(db, op.tenant.id, id);
    expect(d).toMatchObject({ status: 'stopped', counts: { failed: 1, skipped: 2, applying: 0 } });
  });

  it('the watchdog times out a target of a stopped deployment whose node went silent', async () => {
    const op = await freshOperator(db);
    const { id, applying } = await runningDeployment(op);
    await stopDeployment(db, op, id);
    await db.deploymentTarget.update({ where: { deploymentId_nodeId: { deploymentId: id, nodeId: applying } }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await settleStoppedDeployments(db)).toBeGreaterThanOrEqual(1);
    const t = (await getDeployment(db, op.tenant.id, id)).targets.find((x) => x.nodeId === applying);
    expect(t).toMatchObject({ status: 'failed', message: 'timed out waiting for the node' });
  });

  it('a second stop is a conflict; another tenant gets not-found; the stop is audited once', async () => {
    const op = await freshOperator(db);
    const stranger = await freshOperator(db);
    const { id } = await runningDeployment(op);
    await expect(stopDeployment(db, stranger, id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(stopDeployment(db, op, '00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({ code: 'not-found' });
    expect((await getDeployment(db, op.tenant.id, id)).status).toBe('running');

    await stopDeployment(db, op, id, 'req-stop-2');
    await expect(stopDeployment(db, op, id)).rejects.toMatchObject({ code: 'conflict' });

    const audit = await db.auditEvent.findMany({ where: { tenantId: op.tenant.id, action: 'edge.deployment.stop' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorSubject: op.subject, targetType: 'deployment', targetId: id, requestId: 'req-stop-2', data: { skipped: 2, applying: 1 } });
    expect(await db.auditEvent.count({ where: { tenantId: stranger.tenant.id, action: 'edge.deployment.stop' } })).toBe(0);
  });
});
