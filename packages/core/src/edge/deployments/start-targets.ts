/**
 * Starting a batch's pending targets: an install creates an instance on every node of the batch
 * and bumps their revisions in a few set-based statements (1,000 nodes one by one were ~4,000
 * statements and seconds of 1,000 locked node rows); an upgrade moves each node's instance of the
 * app to the new version, remembering the previous one for a rollback. A node where the version's
 * ports are taken by then, or that can no longer run a container app, fails its target without getting the app.
 */
import { randomUUID } from 'node:crypto';
import { Prisma, type DbTransaction } from '@mecport/db';
import { bumpDesiredRevision, bumpDesiredRevisions } from '../channel/revision';
import { workloadsOf } from './app-workload';
import { describeConflict, findPortConflicts } from './declared-ports';
import { runtimeRefusals } from './node-runtime-check';

export type TStartDeployment = { id: string; appId: string; appVersionId: string; kind: string; tenantId: string; createdBy: string };

/**
 * Targets whose node has the version's ports taken by another instance (one arrived since the
 * deployment was created) fail before anything is started there; the others are returned.
 */
async function withoutPortConflicts(tx: DbTransaction, d: TStartDeployment, nodeIds: string[]): Promise<string[]> {
  const nodes = await tx.edgeNode.findMany({ where: { id: { in: nodeIds } }, select: { id: true, name: true } });
  const conflicts = await findPortConflicts(tx, { versionId: d.appVersionId, appId: d.appId, kind: d.kind }, nodes);
  const byNode = new Map<string, string>();
  // A node whose runtime setting changed since the deployment was created cannot run a container app.
  const workload = (await workloadsOf(tx, [d.appVersionId])).get(d.appVersionId);
  for (const r of await runtimeRefusals(tx, workload, nodeIds)) byNode.set(r.nodeId, `not started: ${r.message}`);
  for (const c of conflicts) if (!byNode.has(c.nodeId)) byNode.set(c.nodeId, `not started: ${describeConflict(c)}`);
  for (const [nodeId, message] of byNode) {
    await tx.deploymentTarget.update({ where: { deploymentId_nodeId: { deploymentId: d.id, nodeId } }, data: { status: 'failed', message } });
  }
  return nodeIds.filter((id) => !byNode.has(id));
}

async function startInstalls(tx: DbTransaction, d: TStartDeployment, nodeIds: string[]): Promise<void> {
  if (nodeIds.length === 0) return;
  const revisions = await bumpDesiredRevisions(tx, nodeIds); // node rows before instance rows, as every edge writer
  const started = nodeIds.map((nodeId) => ({ node_id: nodeId, instance_id: randomUUID(), revision: revisions.get(nodeId)! }));
  await tx.appInstance.createMany({
    data: started.map((s) => ({ id: s.instance_id, tenantId: d.tenantId, nodeId: s.node_id, appId: d.appId, appVersionId: d.appVersionId, deploymentId: d.id, createdBy: d.createdBy })),
  });
  await tx.$executeRaw`
    UPDATE deployment_target t SET status = 'applying', app_instance_id = v.instance_id, revision = v.revision, updated_at = now()
    FROM json_to_recordset(${JSON.stringify(started)}::json) AS v(node_id uuid, instance_id uuid, revision int)
    WHERE t.deployment_id = ${d.id}::uuid AND t.node_id = v.node_id`;
}

async function startUpgrade(tx: DbTransaction, d: TStartDeployment, nodeId: string): Promise<void> {
  const key = { deploymentId_nodeId: { deploymentId: d.id, nodeId } };
  const current = await tx.appInstance.findFirst({ where: { nodeId, appId: d.appId, terminatedAt: null, removedAt: null } });
  if (!current || current.appVersionId === d.appVersionId) {
    await tx.deploymentTarget.update({ where: key, data: { status: 'skipped', message: current ? 'already at this version' : 'no instance of the app on this node' } });
    return;
  }
  const revision = await bumpDesiredRevision(tx, nodeId); // the node's row before its instance's, as every edge writer
  await tx.appInstance.update({ where: { id: current.id }, data: { appVersionId: d.appVersionId, state: 'PENDING', deploymentId: d.id, ready: false, images: Prisma.DbNull } });
  await tx.deploymentTarget.update({ where: key, data: { status: 'applying', appInstanceId: current.id, previousVersionId: current.appVersionId, revision } });
}

/** Starts the pending targets on `nodeIds` (one batch of a deployment). */
export async function startTargets(tx: DbTransaction, d: TStartDeployment, nodeIds: string[]): Promise<void> {
  if (nodeIds.length === 0) return;
  const free = await withoutPortConflicts(tx, d, nodeIds);
  if (d.kind !== 'upgrade') return startInstalls(tx, d, free);
  for (const nodeId of [...free].sort()) await startUpgrade(tx, d, nodeId);
}
