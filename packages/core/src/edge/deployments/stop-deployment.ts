/**
 * An operator stops a running deployment (audited): nodes still waiting for their batch are
 * skipped; targets already applying keep settling from their agents' reports (those nodes have the
 * change already), and the watchdog times them out as for a running deployment.
 */
import { AppError, notFoundInTenant } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { settleTargets } from './settle-targets';

export const SKIPPED_AFTER_STOP = 'the deployment was stopped';
const SETTLE_TX = { maxWait: 20_000, timeout: 20_000 };

export async function stopDeployment(db: DbClient, actor: TActor, deploymentId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    // Waits for a step in progress (it holds the row), so a batch is never half started when we look.
    const [row] = await tx.$queryRaw<{ tenant_id: string; status: string }[]>`
      SELECT tenant_id, status::text AS status FROM deployment WHERE id = ${deploymentId}::uuid FOR UPDATE`;
    if (!row || row.tenant_id !== actor.tenant.id) throw notFoundInTenant('deployment', deploymentId);
    if (row.status !== 'running') throw new AppError('conflict', `The deployment is ${row.status}; only a running deployment can be stopped`);
    await tx.deployment.update({ where: { id: deploymentId }, data: { status: 'stopped', finishedAt: new Date(), message: `stopped by ${actor.name}` } });
    const { count: skipped } = await tx.deploymentTarget.updateMany({ where: { deploymentId, status: 'pending' }, data: { status: 'skipped', message: SKIPPED_AFTER_STOP } });
    const applying = await tx.deploymentTarget.count({ where: { deploymentId, status: 'applying' } });
    await recordAudit(tx, actor, { action: 'edge.deployment.stop', target: { type: 'deployment', id: deploymentId }, data: { skipped, applying }, requestId });
  });
}

/**
 * Safety net for the worker: targets of stopped deployments still applying settle (or time out,
 * their node may be offline) as those of running ones do; nothing else of a stopped deployment moves.
 */
export async function settleStoppedDeployments(db: DbClient): Promise<number> {
  const rows = await db.deploymentTarget.findMany({ where: { status: 'applying', deployment: { status: 'stopped' } }, include: { deployment: true } });
  if (rows.length === 0) return 0;
  await db.$transaction((tx) => settleTargets(tx, new Map(rows.map((r) => [r.deploymentId, r.deployment])), rows), SETTLE_TX);
  return rows.length;
}
