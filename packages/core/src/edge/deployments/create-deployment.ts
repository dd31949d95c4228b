/** An operator rolls a published app version out to nodes, in batches (audited). */
import { AppError, type TDeploymentCreate } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { resolveTargetNodes } from './resolve-targets';

/** Writing 1,000 targets while 1,000 agents heartbeat can take longer than Prisma's 5 s default. */
const CREATE_TX = { maxWait: 10_000, timeout: 30_000 };

export async function createDeployment(db: DbClient, actor: TActor, input: TDeploymentCreate, requestId?: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const version = await tx.appVersion.findUnique({ where: { id: input.appVersionId }, select: { id: true, appId: true, status: true, version: true } });
    if (!version || version.status !== 'published') {
      throw new AppError('validation', 'body.appVersionId: only published app versions can be deployed', { errors: [{ in: 'body', field: 'appVersionId', message: 'not a published version' }] });
    }
    const nodes = await resolveTargetNodes(tx, actor.tenant.id, input.target);
    const deployment = await tx.deployment.create({
      data: {
        tenantId: actor.tenant.id, appId: version.appId, appVersionId: version.id, kind: input.kind, target: input.target,
        batchSize: input.batchSize, stopOnFailure: input.stopOnFailure, status: 'running', createdBy: actor.subject,
      },
    });
    await tx.deploymentTarget.createMany({ data: nodes.map((n, i) => ({ deploymentId: deployment.id, nodeId: n.id, batch: Math.floor(i / input.batchSize) })) });
    await recordAudit(tx, actor, {
      action: 'edge.deployment.create', target: { type: 'deployment', id: deployment.id },
      data: { appVersionId: version.id, version: version.version, kind: input.kind, nodes: nodes.length, batchSize: input.batchSize }, requestId,
    });
    return deployment.id;
  }, CREATE_TX);
}
