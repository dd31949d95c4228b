/**
 * Moves a deployment forward; safe to call any time, from any replica (the deployment row is
 * locked). Starts the targets of the current batch, settles the ones whose node applied the
 * change, rolls failed upgrades back, and stops after a failed batch when asked to.
 */
import type { DbClient, DbTransaction } from '@mecport/db';
import { settleTargets, type TSettleTarget } from './settle-targets';
import { startTargets } from './start-targets';

const SETTLED = ['succeeded', 'failed', 'skipped', 'rolled_back'];
const SKIPPED_AFTER_FAILURE = 'an earlier batch failed (stop on failure)';
/** An upgrade of 1,000 nodes is ~4,000 statements: more than Prisma's 5 s default. */
const STEP_TX = { maxWait: 20_000, timeout: 120_000 };
const SETTLE_TX = { maxWait: 20_000, timeout: 20_000 };

type TDeploymentRow = { id: string; appId: string; appVersionId: string; kind: string; stopOnFailure: boolean; tenantId: string; createdBy: string };
type TTargetRow = TSettleTarget & { batch: number };

async function finish(tx: DbTransaction, d: TDeploymentRow, targets: TTargetRow[]): Promise<void> {
  const failed = targets.filter((t) => t.status === 'failed' || t.status === 'rolled_back').length;
  const status = failed === 0 ? 'succeeded' : targets.every((t) => t.status === 'rolled_back' || t.status === 'skipped') && d.kind === 'upgrade' ? 'rolled_back' : 'failed';
  await tx.deployment.update({ where: { id: d.id }, data: { status, finishedAt: new Date(), message: failed ? `${failed} node(s) failed` : null } });
}

/** One step: returns true when it changed something and another step may continue. */
async function step(tx: DbTransaction, d: TDeploymentRow): Promise<boolean> {
  const targets = await tx.deploymentTarget.findMany({ where: { deploymentId: d.id }, orderBy: [{ batch: 'asc' }, { nodeId: 'asc' }] });
  const open = targets.filter((t) => !SETTLED.includes(t.status));
  if (open.length === 0) { await finish(tx, d, targets); return false; }
  // A batch that failed while settled outside a step (advanceDeploymentsOfNode) stops the next one here.
  const failedBefore = targets.some((t) => t.status === 'failed' || t.status === 'rolled_back');
  if (d.stopOnFailure && failedBefore && open.every((t) => t.status === 'pending')) {
    await tx.deploymentTarget.updateMany({ where: { deploymentId: d.id, status: 'pending' }, data: { status: 'skipped', message: SKIPPED_AFTER_FAILURE } });
    return true;
  }
  const batch = Math.min(...open.map((t) => t.batch));
  const inBatch = targets.filter((t) => t.batch === batch);
  await startTargets(tx, d, inBatch.filter((t) => t.status === 'pending').map((t) => t.nodeId));
  await settleTargets(tx, new Map([[d.id, d]]), inBatch);
  const after = await tx.deploymentTarget.findMany({ where: { deploymentId: d.id, batch } });
  if (after.some((t) => !SETTLED.includes(t.status))) return false;
  if (d.stopOnFailure && after.some((t) => t.status === 'failed' || t.status === 'rolled_back')) {
    await tx.deploymentTarget.updateMany({ where: { deploymentId: d.id, status: 'pending' }, data: { status: 'skipped', message: SKIPPED_AFTER_FAILURE } });
  }
  return true;
}

export async function advanceDeployment(db: DbClient, deploymentId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM deployment WHERE id = ${deploymentId}::uuid AND status = 'running' FOR UPDATE SKIP LOCKED`;
    if (!locked) return;
    const d = await tx.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    for (let i = 0; i < 1000 && (await step(tx, d)); i += 1);
  }, STEP_TX);
}

/**
 * After nodes reported: settle only these nodes' targets (one small transaction for all), and step
 * a deployment (locked, over all its targets) only when that finished one of its batches. Stepping
 * on every report would cost each of 1,000 reports a pass over 1,000 targets.
 * Targets still applying in a stopped deployment settle too (their nodes have the change), but a
 * stopped deployment is never stepped.
 */
export async function advanceDeploymentsOfNodes(db: DbClient, nodeIds: string[]): Promise<void> {
  const rows = await db.deploymentTarget.findMany({
    where: { nodeId: { in: nodeIds }, status: 'applying', deployment: { status: { in: ['running', 'stopped'] } } }, include: { deployment: true },
  });
  if (rows.length === 0) return;
  const deployments = new Map(rows.map((r) => [r.deploymentId, r.deployment]));
  await db.$transaction((tx) => settleTargets(tx, deployments, rows), SETTLE_TX);
  const batches = new Map(rows.filter((r) => r.deployment.status === 'running').map((r) => [`${r.deploymentId}:${r.batch}`, r]));
  for (const { deploymentId, batch } of batches.values()) {
    const open = await db.deploymentTarget.count({ where: { deploymentId, batch, status: { in: ['pending', 'applying'] } } });
    if (open === 0) await advanceDeployment(db, deploymentId);
  }
}

export const advanceDeploymentsOfNode = (db: DbClient, nodeId: string): Promise<void> => advanceDeploymentsOfNodes(db, [nodeId]);

/** Safety net for the worker: every running deployment (timeouts, lost wake-ups). */
export async function advanceRunningDeployments(db: DbClient): Promise<number> {
  const rows = await db.deployment.findMany({ where: { status: 'running' }, select: { id: true } });
  for (const { id } of rows) await advanceDeployment(db, id);
  return rows.length;
}
