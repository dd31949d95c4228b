/**
 * A change's selection as the tenant's live app instances: some instances by id, or one app's
 * instances on picked nodes, a node group or a label selector (resolved as deployments resolve
 * their targets). Another tenant's instance or node is not found (404), never forbidden.
 */
import { AppError, notFoundInTenant, type TRuleSelection } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { resolveTargetNodes } from '../deployments/resolve-targets';

export interface TSelectedInstance { id: string; nodeId: string }

/** The deployments' target resolution, its errors naming `selection` rather than `target`. */
async function selectedNodes(db: DbExecutor, tenantId: string, selection: Exclude<TRuleSelection, { kind: 'instances' }>): Promise<{ id: string }[]> {
  const target = selection.kind === 'nodes' ? { kind: 'nodes' as const, nodeIds: selection.nodeIds } : selection.kind === 'group' ? { kind: 'group' as const, groupId: selection.groupId } : { kind: 'labels' as const, selector: selection.selector };
  try {
    return await resolveTargetNodes(db, tenantId, target);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'validation') throw e;
    const rename = (s: string) => s.replace('target.selector', 'selection.selector').replace('target', 'selection');
    throw new AppError('validation', rename(e.message), { errors: e.errors?.map((f) => ({ ...f, field: rename(f.field) })) });
  }
}

export async function resolveRuleSelection(db: DbExecutor, tenantId: string, selection: TRuleSelection): Promise<TSelectedInstance[]> {
  const live = { tenantId, terminatedAt: null, removedAt: null };
  if (selection.kind === 'instances') {
    const ids = [...new Set(selection.appInstanceIds)];
    const found = await db.appInstance.findMany({ where: { ...live, id: { in: ids } }, select: { id: true, nodeId: true } });
    const known = new Set(found.map((i) => i.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw notFoundInTenant('app-instance', unknown);
    return found;
  }
  const nodes = await selectedNodes(db, tenantId, selection);
  const found = await db.appInstance.findMany({ where: { ...live, appId: selection.appId, nodeId: { in: nodes.map((n) => n.id) } }, select: { id: true, nodeId: true } });
  if (found.length === 0) {
    throw new AppError('validation', 'body.selection: no instance of the app runs on the selected nodes', { errors: [{ in: 'body', field: 'selection', message: 'no instance of the app on these nodes' }] });
  }
  return found;
}
