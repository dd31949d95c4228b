/**
 * The operator's "stop" command as one use case: stop the running deployment (audited) and answer
 * it as it now stands (waiting nodes skipped, applying ones still settling).
 *
 * @example
 *   const detail = await stopAndReadDeployment(db, actor, deploymentId, requestId);  // detail.status === 'stopped'
 */
import type { TDeploymentDetail } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../../identity';
import { getDeployment } from './read-deployments';
import { stopDeployment } from './stop-deployment';

export async function stopAndReadDeployment(db: DbClient, actor: TActor, deploymentId: string, requestId?: string): Promise<TDeploymentDetail> {
  await stopDeployment(db, actor, deploymentId, requestId);
  return getDeployment(db, actor.tenant.id, deploymentId);
}
