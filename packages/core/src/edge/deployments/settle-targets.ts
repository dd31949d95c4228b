/**
 * Settling deployment targets: a target `applying` on a node succeeds once the node applied its
 * revision with the instance RUNNING, fails when the instance failed (an upgrade rolls back), or
 * times out. Every settlement claims the row with `status = 'applying'`, so a target settles
 * exactly once even when a report and a deployment step see it at the same moment.
 */
import type { DbExecutor } from '@mecport/db';
import { bumpDesiredRevision } from '../channel/revision';
import { retireInstance } from './retire-instance';

/** A target still applying after this long fails (its node may be offline). */
export const TARGET_TIMEOUT_MS = 10 * 60_000;

export type TSettleDeployment = { id: string; kind: string };
export type TSettleTarget = { deploymentId: string; nodeId: string; status: string; appInstanceId: string | null; previousVersionId: string | null; revision: number | null; updatedAt: Date };
type TVerdict = { status: 'succeeded' } | { status: 'failed'; why: string } | null;

/** What a target's node and instance say about it now; null while it is still applying. */
export function verdictOf(t: TSettleTarget, appliedRevision: number | null, instance: { state: string; message: string | null } | null, now = Date.now()): TVerdict {
  const applied = appliedRevision !== null && t.revision !== null && appliedRevision >= t.revision;
  const state = instance?.state ?? 'FAILED';
  const timedOut = now - t.updatedAt.getTime() > TARGET_TIMEOUT_MS;
  if (applied && state === 'RUNNING') return { status: 'succeeded' };
  if ((applied && (state === 'FAILED' || state === 'CRASH_LOOP')) || timedOut) {
    const why = timedOut && !(applied && state !== 'RUNNING') ? 'timed out waiting for the node' : `instance ${state}: ${instance?.message ?? ''}`.trim();
    return { status: 'failed', why };
  }
  return null;
}

/**
 * Fails a target; false when it was settled already. An upgrade rolls back to the previous
 * version; an install withdraws the instance it created (it never got running there), so that
 * it neither crash-loops on nor starts on a node that comes back later (the target then says
 * `instanceWithdrawn`).
 */
export async function failTarget(tx: DbExecutor, d: TSettleDeployment, t: TSettleTarget, why: string): Promise<boolean> {
  const rollBack = d.kind === 'upgrade' && t.previousVersionId !== null && t.appInstanceId !== null;
  const withdraw = d.kind !== 'upgrade' && t.appInstanceId !== null;
  const { count } = await tx.deploymentTarget.updateMany({
    where: { deploymentId: t.deploymentId, nodeId: t.nodeId, status: 'applying' },
    data: rollBack ? { status: 'rolled_back', message: `${why}; rolled back to the previous version` } : { status: 'failed', message: why },
  });
  if (count === 0 || !(rollBack || withdraw)) return count > 0;
  await bumpDesiredRevision(tx, t.nodeId); // the node's row before its instance's, as every edge writer
  if (rollBack) await tx.appInstance.update({ where: { id: t.appInstanceId! }, data: { appVersionId: t.previousVersionId!, state: 'PENDING' } });
  else await retireInstance(tx, t.appInstanceId!, 'deployment_failed');
  return true;
}

/**
 * Settles every target in `targets` that can be settled (of any deployments), reading their nodes'
 * applied revisions and their instances in two queries; successes are one UPDATE.
 * Run it inside a transaction: a rollback's instance change and revision bump go with its target.
 */
export async function settleTargets(tx: DbExecutor, deployments: Map<string, TSettleDeployment>, targets: TSettleTarget[]): Promise<void> {
  const applying = targets.filter((t) => t.status === 'applying' && t.appInstanceId !== null);
  if (applying.length === 0) return;
  // In key order, so that two settlements of overlapping targets queue instead of deadlocking.
  const keys = applying.map((t) => ({ deployment_id: t.deploymentId, node_id: t.nodeId }));
  await tx.$queryRaw`
    SELECT 1 FROM deployment_target t JOIN json_to_recordset(${JSON.stringify(keys)}::json) AS v(deployment_id uuid, node_id uuid)
      ON t.deployment_id = v.deployment_id AND t.node_id = v.node_id
    ORDER BY t.deployment_id, t.node_id FOR UPDATE OF t`;
  const [instances, nodes] = await Promise.all([
    tx.appInstance.findMany({ where: { id: { in: applying.map((t) => t.appInstanceId!) } }, select: { id: true, state: true, message: true } }),
    tx.edgeNode.findMany({ where: { id: { in: [...new Set(applying.map((t) => t.nodeId))] } }, select: { id: true, appliedRevision: true } }),
  ]);
  const instanceById = new Map(instances.map((i) => [i.id, i]));
  const appliedByNode = new Map(nodes.map((n) => [n.id, n.appliedRevision]));
  const succeeded: typeof keys = [];
  for (const t of applying) {
    const verdict = verdictOf(t, appliedByNode.get(t.nodeId) ?? null, instanceById.get(t.appInstanceId!) ?? null);
    if (verdict?.status === 'succeeded') succeeded.push({ deployment_id: t.deploymentId, node_id: t.nodeId });
    else if (verdict?.status === 'failed') await failTarget(tx, deployments.get(t.deploymentId)!, t, verdict.why);
  }
  if (succeeded.length === 0) return;
  await tx.$executeRaw`
    UPDATE deployment_target t SET status = 'succeeded', message = NULL, updated_at = now()
    FROM json_to_recordset(${JSON.stringify(succeeded)}::json) AS v(deployment_id uuid, node_id uuid)
    WHERE t.deployment_id = v.deployment_id AND t.node_id = v.node_id AND t.status = 'applying'`;
}
