/** Node groups (as OpenYurt's node pools) of a tenant. */
import { AppError, type TNodeGroup, notFoundInTenant } from '@mecport/contracts';
import { Prisma, type DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';

type TGroupRow = { id: string; name: string; description: string; createdAt: Date; _count: { nodes: number } };
const toGroup = (g: TGroupRow): TNodeGroup => ({ id: g.id, name: g.name, description: g.description, nodeCount: g._count.nodes, createdAt: g.createdAt.toISOString() });

export async function listNodeGroups(db: DbClient, tenantId: string): Promise<{ items: TNodeGroup[] }> {
  const rows = await db.nodeGroup.findMany({ where: { tenantId }, orderBy: { name: 'asc' }, include: { _count: { select: { nodes: true } } } });
  return { items: rows.map(toGroup) };
}

export async function createNodeGroup(db: DbClient, actor: TActor, input: { name: string; description: string }, requestId?: string): Promise<TNodeGroup> {
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.nodeGroup.create({ data: { tenantId: actor.tenant.id, ...input }, include: { _count: { select: { nodes: true } } } });
      await recordAudit(tx, actor, { action: 'edge.group.create', target: { type: 'node_group', id: group.id }, data: { name: group.name }, requestId });
      return toGroup(group);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('conflict', `body.name: your tenant already has a node group named ${input.name}`, { errors: [{ in: 'body', field: 'name', message: 'already used in your tenant' }] });
    }
    throw error;
  }
}

/** Nodes of a deleted group stay, without a group. */
export async function deleteNodeGroup(db: DbClient, actor: TActor, groupId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const group = await tx.nodeGroup.findFirst({ where: { id: groupId, tenantId: actor.tenant.id } });
    if (!group) throw notFoundInTenant('node-group', groupId);
    await tx.nodeGroup.delete({ where: { id: groupId } });
    await recordAudit(tx, actor, { action: 'edge.group.delete', target: { type: 'node_group', id: groupId }, data: { name: group.name }, requestId });
  });
}
