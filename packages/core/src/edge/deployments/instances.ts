/** App instances of a tenant: list, read (with the log tail), terminate. */
import { AppError, TERMINATION_REASONS, ZInstanceMessageCode, ZInstanceState, ZMessageParams, ZRanImage, notFoundInTenant, type TAppInstance, type TAppInstanceDetail, type TTerminationReason } from '@mecport/contracts';
import type { DbClient, Prisma } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { bumpDesiredRevision } from '../channel/revision';
import { retireInstance } from './retire-instance';

const include = { node: { select: { name: true } }, app: { select: { name: true } }, appVersion: { select: { version: true } } } as const;
type TInstanceRow = Prisma.AppInstanceGetPayload<{ include: typeof include }>;

const desiredOf = (row: TInstanceRow): TAppInstance['desiredState'] => (row.terminatedAt || row.desiredState === 'REMOVED' ? 'REMOVED' : row.desiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING');

function toInstance(row: TInstanceRow): TAppInstance {
  const state = ZInstanceState.safeParse(row.state);
  const code = ZInstanceMessageCode.safeParse(row.messageCode);
  const params = ZMessageParams.safeParse(row.messageParams);
  const reason = (TERMINATION_REASONS as readonly string[]).includes(row.terminationReason ?? '') ? (row.terminationReason as TTerminationReason) : row.terminatedAt ? 'operator' : null;
  return {
    id: row.id, nodeId: row.nodeId, nodeName: row.node.name, appId: row.appId, appName: row.app.name, appVersionId: row.appVersionId, version: row.appVersion.version,
    deploymentId: row.deploymentId, desiredState: desiredOf(row), state: state.success ? state.data : 'PENDING',
    restarts: row.restarts, ready: row.ready, message: row.message, messageCode: code.success ? code.data : null, messageParams: code.success && params.success ? params.data : null,
    images: imagesOf(row.images), terminating: row.terminatedAt !== null && row.removedAt === null, terminationReason: reason,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

/** The images its agent reported (an unreadable value reads as none). */
function imagesOf(stored: unknown): TAppInstance['images'] {
  const parsed = ZRanImage.array().safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export async function listInstances(
  db: DbClient, tenantId: string, query: { limit: number; cursor?: string; nodeId?: string; appId?: string; includeRemoved?: boolean },
): Promise<{ items: TAppInstance[]; nextCursor: string | null }> {
  const rows = await db.appInstance.findMany({
    where: {
      tenantId, ...(query.nodeId ? { nodeId: query.nodeId } : {}), ...(query.appId ? { appId: query.appId } : {}), ...(query.includeRemoved ? {} : { removedAt: null }),
      ...afterCursor(query.cursor),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, include,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toInstance), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function getInstance(db: DbClient, tenantId: string, instanceId: string): Promise<TAppInstanceDetail> {
  const row = await db.appInstance.findFirst({ where: { id: instanceId, tenantId }, include });
  if (!row) throw notFoundInTenant('app-instance', instanceId);
  const logTail = Array.isArray(row.logTail) ? row.logTail.filter((l): l is string => typeof l === 'string') : [];
  return { ...toInstance(row), logTail };
}

/**
 * The instance leaves the node's desired state (desired REMOVED); the agent stops it gracefully and
 * reports it gone. Its open alarms are cleared (reason instance_terminated).
 */
export async function terminateInstance(db: DbClient, actor: TActor, instanceId: string, requestId?: string): Promise<TAppInstanceDetail> {
  await db.$transaction(async (tx) => {
    const row = await tx.appInstance.findFirst({ where: { id: instanceId, tenantId: actor.tenant.id } });
    if (!row) throw notFoundInTenant('app-instance', instanceId);
    if (row.terminatedAt) throw new AppError('conflict', 'The app instance is already being terminated');
    await bumpDesiredRevision(tx, row.nodeId); // the node's row before its instance's, as every edge writer
    const { clearedAlarms } = await retireInstance(tx, instanceId, 'operator');
    await recordAudit(tx, actor, { action: 'edge.instance.terminate', target: { type: 'app_instance', id: instanceId }, data: { nodeId: row.nodeId, clearedAlarms }, requestId });
  });
  return getInstance(db, actor.tenant.id, instanceId);
}
