/** The operator's node registry: create, read, update, delete and list a tenant's edge nodes. */
import { AppError, type TEdgeNode, type TNodeListQuery, type TNodeUpdate, type TNodeWrite, notFoundInTenant } from '@mecport/contracts';
import { Prisma, type DbClient, type DbExecutor } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';
import { normaliseCallbackAllowCidrs } from '../../shared/url-policy-fields';
import { bumpDesiredRevision } from '../channel/revision';
import { parseLabelSelector } from './label-selector';
import { labelsWhere, statusWhere, textWhere } from './node-filters';
import { toEdgeNode } from './node-mappers';

export interface TNodeOptions { offlineAfterSec: number }

export async function findTenantNode(db: DbExecutor, tenantId: string, nodeId: string) {
  const node = await db.edgeNode.findFirst({ where: { id: nodeId, tenantId }, include: { group: { select: { name: true } } } });
  if (!node) throw notFoundInTenant('edge-node', nodeId);
  return node;
}

async function assertGroupInTenant(db: DbExecutor, tenantId: string, groupId: string | null | undefined): Promise<void> {
  if (!groupId) return;
  if (!(await db.nodeGroup.findFirst({ where: { id: groupId, tenantId }, select: { id: true } }))) {
    throw new AppError('validation', `body.groupId: no node group ${groupId} in your tenant`, { errors: [{ in: 'body', field: 'groupId', message: 'no such node group in your tenant' }] });
  }
}

function nameConflict(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError('conflict', `body.name: your tenant already has a node named ${name}`, { errors: [{ in: 'body', field: 'name', message: 'already used in your tenant' }] });
  }
  throw error;
}

export async function createNode(db: DbClient, actor: TActor, input: TNodeWrite, options: TNodeOptions, requestId?: string): Promise<TEdgeNode> {
  const callbackAllowCidrs = normaliseCallbackAllowCidrs(input.callbackAllowCidrs);
  try {
    return await db.$transaction(async (tx) => {
      await assertGroupInTenant(tx, actor.tenant.id, input.groupId);
      const node = await tx.edgeNode.create({
        data: { ...input, callbackAllowCidrs, capacity: input.capacity ?? Prisma.DbNull, tenantId: actor.tenant.id },
        include: { group: { select: { name: true } } },
      });
      const opened = callbackAllowCidrs.length > 0 ? { callbackAllowCidrs } : {};
      const runtime = input.runtime.container !== 'none' || input.runtime.registries.length > 0 ? { runtime: input.runtime } : {};
      await recordAudit(tx, actor, { action: 'edge.node.create', target: { type: 'edge_node', id: node.id }, data: { name: node.name, ...opened, ...runtime }, requestId });
      return toEdgeNode(node, options.offlineAfterSec);
    });
  } catch (error) {
    return nameConflict(error, input.name);
  }
}

export async function updateNode(db: DbClient, actor: TActor, nodeId: string, input: TNodeUpdate, options: TNodeOptions, requestId?: string): Promise<TEdgeNode> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await findTenantNode(tx, actor.tenant.id, nodeId);
      await assertGroupInTenant(tx, actor.tenant.id, input.groupId);
      const { capacity, callbackAllowCidrs, runtime, ...rest } = input;
      const allowList = callbackAllowCidrs && allowListChange(before.callbackAllowCidrs, normaliseCallbackAllowCidrs(callbackAllowCidrs));
      const runtimeChange = runtime && JSON.stringify(before.runtime) !== JSON.stringify(runtime) ? { runtime, previousRuntime: before.runtime } : undefined;
      const node = await tx.edgeNode.update({
        where: { id: nodeId },
        data: {
          ...rest, ...(capacity !== undefined ? { capacity: capacity ?? Prisma.DbNull } : {}), ...(allowList ? { callbackAllowCidrs: allowList.callbackAllowCidrs } : {}),
          ...(runtimeChange ? { runtime } : {}),
        },
        include: { group: { select: { name: true } } },
      });
      // The agent applies the allow-list and the runtime setting from its desired state: a change is a new revision.
      if (allowList || runtimeChange) node.desiredRevision = await bumpDesiredRevision(tx, nodeId);
      await recordAudit(tx, actor, { action: 'edge.node.update', target: { type: 'edge_node', id: nodeId }, data: { fields: Object.keys(input), ...(allowList ?? {}), ...(runtimeChange ?? {}) }, requestId });
      return toEdgeNode(node, options.offlineAfterSec);
    });
  } catch (error) {
    return nameConflict(error, input.name);
  }
}

/** The new allow-list with the old one (for the audit trail), or undefined when it did not change. */
function allowListChange(before: string[], after: string[]): { callbackAllowCidrs: string[]; previousCallbackAllowCidrs: string[] } | undefined {
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : { callbackAllowCidrs: after, previousCallbackAllowCidrs: before };
}

/** Deleting a node with live app instances is refused: terminate them first. */
export async function deleteNode(db: DbClient, actor: TActor, nodeId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const node = await findTenantNode(tx, actor.tenant.id, nodeId);
    const live = await tx.appInstance.count({ where: { nodeId, removedAt: null } });
    if (live > 0) throw new AppError('conflict', `Node ${node.name} still has ${live} app instance(s); terminate them first`);
    await tx.edgeNode.delete({ where: { id: nodeId } });
    await recordAudit(tx, actor, { action: 'edge.node.delete', target: { type: 'edge_node', id: nodeId }, data: { name: node.name }, requestId });
  });
}

export async function getNode(db: DbClient, tenantId: string, nodeId: string, options: TNodeOptions): Promise<TEdgeNode> {
  return toEdgeNode(await findTenantNode(db, tenantId, nodeId), options.offlineAfterSec);
}

export async function listNodes(db: DbClient, tenantId: string, query: TNodeListQuery, options: TNodeOptions): Promise<{ items: TEdgeNode[]; nextCursor: string | null }> {
  const filters: Prisma.EdgeNodeWhereInput[] = [
    ...(query.status ? [statusWhere(query.status, options.offlineAfterSec)] : []),
    ...(query.groupId ? [{ groupId: query.groupId }] : []),
    ...(query.label ? [labelsWhere(parseLabelSelector(query.label))] : []),
    ...(query.q ? [textWhere(query.q)] : []),
    afterCursor(query.cursor),
  ];
  const rows = await db.edgeNode.findMany({
    where: { tenantId, AND: filters }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, include: { group: { select: { name: true } } },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => toEdgeNode(r, options.offlineAfterSec)), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
