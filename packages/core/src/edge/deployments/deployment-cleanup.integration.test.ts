/**
 * What deployments leave behind, against a real Postgres (issue 10, items 6 and 7): a failed
 * install withdraws the instance it created (desired REMOVED, gone from the node's desired state,
 * its crash-loop alarm cleared with the reason); targets on nodes that never enrolled time out and
 * leave nothing that would start when they enrol; a stopped deployment withdraws what then fails;
 * declared ports already held on a node refuse the deployment (409 naming port, node and instance)
 * at create and fail the target when a later batch finds them taken; terminate makes the instance
 * desired REMOVED and clears its alarms; alarms name the app and the node.
 */
import { AppError, type TInstanceStatus } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { enrolNode, freshOperator, newNode } from '../../testing/edge-fixtures';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { listAlarms } from '../alarms/read-alarms';
import { recordHeartbeat, recordNodeReport } from '../channel/agent-reports';
import { buildDesiredState } from '../channel/desired-state';
import { createNodeGroup } from '../nodes/node-groups';
import { advanceDeployment, advanceDeploymentsOfNode } from './advance-deployment';
import { createDeployment } from './create-deployment';
import { getInstance, terminateInstance } from './instances';
import { getDeployment } from './read-deployments';
import { stopDeployment } from './stop-deployment';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const METRICS = { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 };
const crashLooping = (id: string): TInstanceStatus => ({
  appInstanceId: id, state: 'CRASH_LOOP', restarts: 5, ready: false, digestMismatch: false,
  message: 'exited with code 1; restarting in 16 s', messageCode: 'exited', messageParams: { exitCode: 1, restartInSec: 16 },
});

/** A published version of a new app whose package declares `ports` (as the blob reader would read them). */
async function appWithPorts(ports: number[] | null, name = 'Port probe') {
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev, { name: `${name} ${Math.random().toString(36).slice(2, 8)}` });
  const version = await newVersion(db, dev, app.id, { version: '1.0.0', publish: true });
  if (ports) await db.appVersion.update({ where: { id: version.id }, data: { declaredPorts: ports } });
  return { dev, app, version };
}

const install = (op: TActor, appVersionId: string, nodeIds: string[], batchSize = 1) =>
  createDeployment(db, op, { appVersionId, kind: 'install', target: { kind: 'nodes', nodeIds }, batchSize, stopOnFailure: true });

/** The agent's side of the node's current revision: every instance reported in `status`. */
async function agentReports(nodeId: string, tenantId: string, status: (id: string) => TInstanceStatus) {
  const desired = await buildDesiredState(db, nodeId, 10);
  await recordNodeReport(db, { nodeId, tenantId }, { appliedRevision: desired.revision, outcome: 'applied', message: null, instances: desired.appInstances.map((i) => status(i.appInstanceId)) });
  await advanceDeploymentsOfNode(db, nodeId);
  return desired;
}

/** Every target of the deployment still applying looks 11 minutes old, as after the 10-minute timeout. */
async function ageTargets(deploymentId: string) {
  await db.deploymentTarget.updateMany({ where: { deploymentId, status: 'applying' }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
}

describe('a failed install withdraws what it created', () => {
  it('a crash-looping instance leaves the desired state, is desired REMOVED, and its alarm is cleared with the reason', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { app, version } = await appWithPorts(null, 'Crasher');
    const id = await install(op, version.id, [node.id]);
    await advanceDeployment(db, id);
    const desired = await agentReports(node.id, op.tenant.id, crashLooping);
    const instanceId = desired.appInstances[0]!.appInstanceId;

    const d = await getDeployment(db, op.tenant.id, id);
    expect(d.status).toBe('failed');
    expect(d.targets[0]).toMatchObject({ status: 'failed', appInstanceId: instanceId, instanceWithdrawn: true });
    expect(d.targets[0]!.message).toContain('instance CRASH_LOOP: exited with code 1');
    expect((await buildDesiredState(db, node.id, 10)).appInstances).toEqual([]);
    const instance = await getInstance(db, op.tenant.id, instanceId);
    expect(instance).toMatchObject({ desiredState: 'REMOVED', terminationReason: 'deployment_failed', terminating: true, messageCode: 'exited', messageParams: { exitCode: 1, restartInSec: 16 } });

    const cleared = (await listAlarms(db, op.tenant.id, { limit: 10, state: 'cleared' })).items.filter((a) => a.appInstanceId === instanceId);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatchObject({ kind: 'instance_crash_loop', clearReason: 'instance_withdrawn', appId: app.id, appName: app.name, nodeName: node.name });

    // The agent keeps reporting the crash loop until it applied the withdrawal: no new alarm.
    await recordHeartbeat(db, { nodeId: node.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: desired.revision, metrics: METRICS, instances: [crashLooping(instanceId)], services: [] });
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items).toEqual([]);
    // It applies the withdrawal and no longer runs the instance: gone for good.
    await agentReports(node.id, op.tenant.id, crashLooping);
    expect(await getInstance(db, op.tenant.id, instanceId)).toMatchObject({ state: 'REMOVED', terminating: false, desiredState: 'REMOVED' });
  });

  it('a group of six nodes that never enrolled: the targets time out and no instance is left to start when they enrol', async () => {
    const op = await freshOperator(db);
    const group = await createNodeGroup(db, op, { name: `never-${Math.random().toString(36).slice(2, 8)}`, description: '' });
    const nodes = await Promise.all(Array.from({ length: 6 }, () => newNode(db, op, { groupId: group.id })));
    const { version } = await appWithPorts(null);
    const id = await createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'group', groupId: group.id }, batchSize: 6, stopOnFailure: true });
    await advanceDeployment(db, id);
    await ageTargets(id);
    await advanceDeployment(db, id);

    const d = await getDeployment(db, op.tenant.id, id);
    expect(d).toMatchObject({ status: 'failed', message: '6 node(s) failed', counts: { failed: 6 } });
    for (const t of d.targets) expect(t).toMatchObject({ message: 'timed out waiting for the node', instanceWithdrawn: true, instanceState: 'REMOVED' });
    const instances = await db.appInstance.findMany({ where: { deploymentId: id } });
    expect(instances).toHaveLength(6);
    for (const i of instances) expect(i).toMatchObject({ desiredState: 'REMOVED', state: 'REMOVED', terminationReason: 'deployment_failed' });
    for (const i of instances) expect(i.removedAt).not.toBeNull();
    for (const n of nodes) expect((await buildDesiredState(db, n.id, 10)).appInstances).toEqual([]);
  });

  it('a stopped deployment withdraws the instance of a node that then fails; skipped nodes never got one', async () => {
    const op = await freshOperator(db);
    const nodes = [await newNode(db, op), await newNode(db, op)];
    for (const n of nodes) await enrolNode(db, op, n.id);
    const { version } = await appWithPorts(null);
    const id = await install(op, version.id, nodes.map((n) => n.id));
    await advanceDeployment(db, id);
    await stopDeployment(db, op, id);
    const applying = (await getDeployment(db, op.tenant.id, id)).targets.find((t) => t.status === 'applying')!;
    await agentReports(applying.nodeId, op.tenant.id, (i) => ({ appInstanceId: i, state: 'FAILED', restarts: 0, ready: false, message: 'exited with code 2', digestMismatch: false }));

    const d = await getDeployment(db, op.tenant.id, id);
    expect(d).toMatchObject({ status: 'stopped', counts: { failed: 1, skipped: 1 } });
    expect(d.targets.find((t) => t.nodeId === applying.nodeId)).toMatchObject({ status: 'failed', instanceWithdrawn: true });
    expect((await getInstance(db, op.tenant.id, applying.appInstanceId!)).desiredState).toBe('REMOVED');
    expect(await db.appInstance.count({ where: { deploymentId: id, terminatedAt: null } })).toBe(0);
  });

  it('a failed upgrade still rolls back to the previous version and keeps the instance', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { dev, app, version: v1 } = await appWithPorts(null);
    await advanceDeployment(db, await install(op, v1.id, [node.id]));
    const desired = await agentReports(node.id, op.tenant.id, (i) => ({ appInstanceId: i, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false }));
    const v2 = await newVersion(db, dev, app.id, { version: '2.0.0', publish: true });
    const upgrade = await createDeployment(db, op, { appVersionId: v2.id, kind: 'upgrade', target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1, stopOnFailure: true });
    await advanceDeployment(db, upgrade);
    await agentReports(node.id, op.tenant.id, crashLooping);
    expect((await getDeployment(db, op.tenant.id, upgrade))).toMatchObject({ status: 'rolled_back', targets: [{ instanceWithdrawn: false }] });
    expect(await getInstance(db, op.tenant.id, desired.appInstances[0]!.appInstanceId)).toMatchObject({ desiredState: 'RUNNING', appVersionId: v1.id, terminationReason: null });
  });
});

describe('declared ports are checked before a deployment starts', () => {
  it('refuses with 409 naming the port, the node and the instance that holds it; nothing is created or audited', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const holder = await appWithPorts([8090, 9100], 'Hello Edge');
    await advanceDeployment(db, await install(op, holder.version.id, [node.id]));
    const instanceId = (await db.appInstance.findFirstOrThrow({ where: { nodeId: node.id } })).id;
    const second = await appWithPorts([8090]);

    const error = await install(op, second.version.id, [node.id]).then(() => undefined, (e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', status: 409 });
    expect(error!.message).toContain(`port 8090 on node ${node.name} is held by instance ${instanceId} of ${holder.app.name} 1.0.0`);
    expect(error!.extensions).toEqual({ portConflicts: [{ nodeId: node.id, nodeName: node.name, port: 8090, appInstanceId: instanceId, appId: holder.app.id, appName: holder.app.name, version: '1.0.0' }] });
    expect(await db.deployment.count({ where: { appVersionId: second.version.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { tenantId: op.tenant.id, action: 'edge.deployment.create', data: { path: ['appVersionId'], equals: second.version.id } } })).toBe(0);

    // Another port is fine; so is the same port once the holder is terminated.
    await expect(install(op, (await appWithPorts([8091])).version.id, [node.id])).resolves.toBeTypeOf('string');
    await terminateInstance(db, op, instanceId);
    await expect(install(op, second.version.id, [node.id])).resolves.toBeTypeOf('string');
  });

  it('checks every node a group resolves to, and an upgrade is not held up by the instance it moves', async () => {
    const op = await freshOperator(db);
    const group = await createNodeGroup(db, op, { name: `ports-${Math.random().toString(36).slice(2, 8)}`, description: '' });
    const [free, taken] = [await newNode(db, op, { groupId: group.id }), await newNode(db, op, { groupId: group.id })];
    const holder = await appWithPorts([7000]);
    await advanceDeployment(db, await install(op, holder.version.id, [taken!.id]));
    const second = await appWithPorts([7000]);
    await expect(createDeployment(db, op, { appVersionId: second.version.id, kind: 'install', target: { kind: 'group', groupId: group.id }, batchSize: 2, stopOnFailure: true }))
      .rejects.toMatchObject({ code: 'conflict', extensions: { portConflicts: [{ nodeId: taken!.id, port: 7000 }] } });
    expect(free).toBeDefined();

    const v2 = await newVersion(db, holder.dev, holder.app.id, { version: '2.0.0', publish: true });
    await db.appVersion.update({ where: { id: v2.id }, data: { declaredPorts: [7000] } });
    await expect(createDeployment(db, op, { appVersionId: v2.id, kind: 'upgrade', target: { kind: 'nodes', nodeIds: [taken!.id] }, batchSize: 1, stopOnFailure: true })).resolves.toBeTypeOf('string');
  });

  it('reads the ports of versions not read yet with the given reader, and remembers them', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const holder = await appWithPorts(null);
    const second = await appWithPorts(null);
    const ports = new Map([[holder.version.packageDigest, [6100]], [second.version.packageDigest, [6100]]]);
    const readPorts = (digest: string) => Promise.resolve(ports.get(digest) ?? null);
    await advanceDeployment(db, await createDeployment(db, op, { appVersionId: holder.version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1, stopOnFailure: true }, undefined, { readPorts }));
    await expect(createDeployment(db, op, { appVersionId: second.version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1, stopOnFailure: true }, undefined, { readPorts }))
      .rejects.toMatchObject({ code: 'conflict' });
    expect((await db.appVersion.findUniqueOrThrow({ where: { id: second.version.id } })).declaredPorts).toEqual([6100]);
    expect((await db.appVersion.findUniqueOrThrow({ where: { id: holder.version.id } })).declaredPorts).toEqual([6100]);
  });

  it('a later batch whose node got the port taken meanwhile fails its target without creating an instance', async () => {
    const op = await freshOperator(db);
    const [first, second] = [await newNode(db, op), await newNode(db, op)];
    const app = await appWithPorts([7500]);
    const id = await install(op, app.version.id, [first!.id, second!.id]);
    await advanceDeployment(db, id);
    const batch0 = (await getDeployment(db, op.tenant.id, id)).targets.find((t) => t.batch === 0)!;
    const laterNode = batch0.nodeId === first!.id ? second! : first!;
    const squatter = await appWithPorts([7500], 'Squatter');
    await advanceDeployment(db, await install(op, squatter.version.id, [laterNode.id]));
    const squatterInstance = (await db.appInstance.findFirstOrThrow({ where: { nodeId: laterNode.id, appId: squatter.app.id } })).id;

    await agentReports(batch0.nodeId, op.tenant.id, (i) => ({ appInstanceId: i, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false }));
    const d = await getDeployment(db, op.tenant.id, id);
    const later = d.targets.find((t) => t.nodeId === laterNode.id)!;
    expect(later).toMatchObject({ status: 'failed', appInstanceId: null, instanceWithdrawn: false });
    expect(later.message).toBe(`not started: port 7500 on node ${laterNode.name} is held by instance ${squatterInstance} of ${squatter.app.name} 1.0.0`);
    expect(await db.appInstance.count({ where: { deploymentId: id, nodeId: laterNode.id } })).toBe(0);
    expect(d.status).toBe('failed');
  });
});

describe('terminate and alarms', () => {
  it('terminate makes the instance desired REMOVED, clears its open alarms with the reason, and is audited', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { app, version } = await appWithPorts(null, 'Hello Edge');
    await advanceDeployment(db, await install(op, version.id, [node.id]));
    const desired = await agentReports(node.id, op.tenant.id, (i) => ({ appInstanceId: i, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false }));
    const instanceId = desired.appInstances[0]!.appInstanceId;
    await recordHeartbeat(db, { nodeId: node.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: desired.revision, metrics: METRICS, instances: [crashLooping(instanceId)], services: [] });

    const [alarm] = (await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items;
    expect(alarm).toMatchObject({ kind: 'instance_crash_loop', appInstanceId: instanceId, appId: app.id, appName: app.name, nodeId: node.id, nodeName: node.name, clearReason: null });
    expect(alarm!.message).toBe(`${app.name} on node ${node.name} is crash-looping (5 restarts): exited with code 1; restarting in 16 s`);
    expect(alarm!.details).toEqual({ appName: app.name, nodeName: node.name, restarts: 5, message: 'exited with code 1; restarting in 16 s', messageCode: 'exited', exitCode: 1, restartInSec: 16 });

    const terminated = await terminateInstance(db, op, instanceId, 'req-term-1');
    expect(terminated).toMatchObject({ desiredState: 'REMOVED', terminating: true, terminationReason: 'operator' });
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items).toEqual([]);
    const [cleared] = (await listAlarms(db, op.tenant.id, { limit: 10, state: 'cleared' })).items;
    expect(cleared).toMatchObject({ id: alarm!.id, clearReason: 'instance_terminated' });
    const audit = await db.auditEvent.findMany({ where: { tenantId: op.tenant.id, action: 'edge.instance.terminate' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: instanceId, requestId: 'req-term-1', data: { nodeId: node.id, clearedAlarms: 1 } });

    // The crash loop goes on until the agent applies the termination: no alarm comes back.
    await recordHeartbeat(db, { nodeId: node.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: desired.revision, metrics: METRICS, instances: [crashLooping(instanceId)], services: [] });
    expect((await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items).toEqual([]);
    // Removed for good, it stays desired REMOVED.
    await agentReports(node.id, op.tenant.id, crashLooping);
    expect(await getInstance(db, op.tenant.id, instanceId)).toMatchObject({ state: 'REMOVED', desiredState: 'REMOVED', terminating: false });
  });

  it('a digest mismatch names the app and the node and stays open when the failed install is withdrawn', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { app, version } = await appWithPorts(null, 'Tampered');
    await advanceDeployment(db, await install(op, version.id, [node.id]));
    await agentReports(node.id, op.tenant.id, (i) => ({ appInstanceId: i, state: 'FAILED', restarts: 0, ready: false, message: 'sha256 mismatch', messageCode: 'prepare_failed', messageParams: { error: 'sha256 mismatch' }, digestMismatch: true }));
    const [alarm] = (await listAlarms(db, op.tenant.id, { limit: 10, state: 'open' })).items;
    expect(alarm).toMatchObject({ kind: 'package_digest_mismatch', appName: app.name, nodeName: node.name, details: { appName: app.name, nodeName: node.name } });
    expect(alarm!.message).toBe(`The package of ${app.name} failed its sha256 check on node ${node.name}`);
  });
});
