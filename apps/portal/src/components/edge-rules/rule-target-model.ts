/**
 * What a rule change edits, as the configurator's target step holds it, turned into the contract's
 * ZRuleSelection: one app on the nodes picked on the map, some app instances, one app on a node
 * group, or one app on the nodes a label selector matches. Also the apps and instances the picked
 * nodes run (for the pickers), and the configurator's link from the map (`?nodeIds=a,b`).
 *
 * @example
 *   selectionFromTarget({ ...emptyTarget(['n1']), appId: 'a1' }) // { selection: { kind: 'nodes', nodeIds: ['n1'], appId: 'a1' }, error: null }
 */
import { ZRuleSelection, type TAppInstance, type TMapNode, type TRuleSelection } from '@mecport/contracts';

export const TARGET_KINDS = ['nodes', 'instances', 'group', 'labels'] as const;
export type TTargetKind = (typeof TARGET_KINDS)[number];
export interface TTarget { kind: TTargetKind; nodeIds: string[]; appId: string | null; appInstanceIds: string[]; groupId: string | null; selector: string }

/** Why the target is not a selection yet; the UI translates `rules.target.errors.<code>`. */
export type TTargetError = 'noNodes' | 'noApp' | 'noInstances' | 'noGroup' | 'selector';

export const emptyTarget = (nodeIds: string[] = []): TTarget => ({ kind: 'nodes', nodeIds, appId: null, appInstanceIds: [], groupId: null, selector: '' });

const SELECTOR = /^[A-Za-z0-9._/-]+=[^,=\s]+(,[A-Za-z0-9._/-]+=[^,=\s]+)*$/;
export const isLabelSelector = (text: string) => SELECTOR.test(text.trim());

export function selectionFromTarget(target: TTarget): { selection: TRuleSelection | null; error: TTargetError | null } {
  const fail = (error: TTargetError) => ({ selection: null, error });
  let candidate: unknown;
  switch (target.kind) {
    case 'instances':
      if (target.appInstanceIds.length === 0) return fail('noInstances');
      candidate = { kind: 'instances', appInstanceIds: target.appInstanceIds };
      break;
    case 'nodes':
      if (target.nodeIds.length === 0) return fail('noNodes');
      if (!target.appId) return fail('noApp');
      candidate = { kind: 'nodes', nodeIds: target.nodeIds, appId: target.appId };
      break;
    case 'group':
      if (!target.groupId) return fail('noGroup');
      if (!target.appId) return fail('noApp');
      candidate = { kind: 'group', groupId: target.groupId, appId: target.appId };
      break;
    case 'labels':
      if (!isLabelSelector(target.selector)) return fail('selector');
      if (!target.appId) return fail('noApp');
      candidate = { kind: 'labels', selector: target.selector.trim(), appId: target.appId };
      break;
  }
  const parsed = ZRuleSelection.safeParse(candidate);
  return parsed.success ? { selection: parsed.data, error: null } : fail(target.kind === 'instances' ? 'noInstances' : 'noNodes');
}

/** The apps with an instance on the picked nodes, with on how many of them, by name. */
export function appsOnNodes(nodes: readonly Pick<TMapNode, 'id' | 'appIds'>[], nodeIds: readonly string[], appNames: ReadonlyMap<string, string>): { appId: string; name: string; nodes: number }[] {
  const picked = new Set(nodeIds);
  const counts = new Map<string, number>();
  for (const n of nodes) if (picked.has(n.id)) for (const a of n.appIds) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([appId, count]) => ({ appId, name: appNames.get(appId) ?? appId, nodes: count })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The live instances on the picked nodes (all nodes when none is picked), of one app when given. */
export function instancesOnNodes(instances: readonly TAppInstance[], nodeIds: readonly string[], appId: string | null = null): TAppInstance[] {
  const picked = new Set(nodeIds);
  return instances.filter((i) => i.desiredState !== 'REMOVED' && (picked.size === 0 || picked.has(i.nodeId)) && (!appId || i.appId === appId));
}

export function rulesHref(nodeIds: Iterable<string>): string {
  const ids = [...nodeIds];
  return ids.length > 0 ? `/edge-map/rules?nodeIds=${ids.join(',')}` : '/edge-map/rules';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `?nodeIds=` back to ids: unknown shapes are dropped, duplicates once. */
export function nodeIdsFromQuery(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((s) => s.trim()).filter((s) => UUID.test(s)))];
}

/** `a=b,c=d` as pairs; a node matches when it has every pair. */
function matchesSelector(labels: Readonly<Record<string, string>>, selector: string): boolean {
  return selector.trim().split(',').every((pair) => { const [k, v] = pair.split('='); return k !== undefined && labels[k] === v; });
}

/** The map's nodes the target reaches (for the count, and to read their current rules). */
export function scopeNodeIds(target: TTarget, nodes: readonly Pick<TMapNode, 'id' | 'groupId' | 'labels' | 'appIds'>[], instances: readonly Pick<TAppInstance, 'id' | 'nodeId'>[]): string[] {
  const hasApp = (n: Pick<TMapNode, 'appIds'>) => !target.appId || n.appIds.includes(target.appId);
  switch (target.kind) {
    case 'instances': { const ids = new Set(target.appInstanceIds); return [...new Set(instances.filter((i) => ids.has(i.id)).map((i) => i.nodeId))]; }
    case 'nodes': { const ids = new Set(target.nodeIds); return nodes.filter((n) => ids.has(n.id) && hasApp(n)).map((n) => n.id); }
    case 'group': return target.groupId ? nodes.filter((n) => n.groupId === target.groupId && hasApp(n)).map((n) => n.id) : [];
    case 'labels': return isLabelSelector(target.selector) ? nodes.filter((n) => matchesSelector(n.labels, target.selector) && hasApp(n)).map((n) => n.id) : [];
  }
}
