/** A deployment's target (nodes picked on the map, a node group, or a label selector) as node ids of the tenant. */
import { AppError, type TDeploymentTargetSpec } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { parseLabelSelector } from '../nodes/label-selector';
import { labelsWhere } from '../nodes/node-filters';

export async function resolveTargetNodes(db: DbExecutor, tenantId: string, target: TDeploymentTargetSpec): Promise<{ id: string; name: string }[]> {
  const base = { tenantId, revokedAt: null };
  const where =
    target.kind === 'nodes' ? { ...base, id: { in: target.nodeIds } } :
    target.kind === 'group' ? { ...base, groupId: target.groupId } :
    { ...base, ...labelsWhere(parseLabelSelector(target.selector, 'target.selector')) };
  const nodes = await db.edgeNode.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  if (target.kind === 'nodes' && nodes.length !== new Set(target.nodeIds).size) {
    throw new AppError('validation', 'body.target.nodeIds: some nodes are not in your tenant or are revoked', { errors: [{ in: 'body', field: 'target.nodeIds', message: 'unknown or revoked node' }] });
  }
  if (nodes.length === 0) throw new AppError('validation', 'body.target: the target matches no node', { errors: [{ in: 'body', field: 'target', message: 'matches no node' }] });
  return nodes;
}
