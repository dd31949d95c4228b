/**
 * The operator's "deploy" command as one use case: create the deployment (audited), start its
 * first batch at once, and answer the deployment as the operator then sees it.
 *
 * @example
 *   const detail = await startDeployment(db, actor, { appVersionId, kind: 'install', target, batchSize: 10, stopOnFailure: true }, requestId);
 *   detail.counts.applying  // the first batch's nodes
 */
import type { TDeploymentCreate, TDeploymentDetail } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../../identity';
import { advanceDeployment } from './advance-deployment';
import { createDeployment, type TCreateDeploymentOptions } from './create-deployment';
import { getDeployment } from './read-deployments';

export async function startDeployment(db: DbClient, actor: TActor, input: TDeploymentCreate, requestId?: string, options: TCreateDeploymentOptions = {}): Promise<TDeploymentDetail> {
  const id = await createDeployment(db, actor, input, requestId, options);
  await advanceDeployment(db, id);
  return getDeployment(db, actor.tenant.id, id);
}
