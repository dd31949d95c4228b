/**
 * The rule sets of nodes as they are now: every live app instance on each node with its current
 * rules (and its AppD's, for a restore to them), in two queries for all nodes.
 */
import { ZDataPlane, type TDataPlane } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { dnsRulesOf, trafficRulesOf } from './appd-rules';
import { currentRules, type TInstanceRules } from './instance-rules';
import type { TInstanceRuleSet } from './dry-run';

export interface TLoadedInstance extends TInstanceRuleSet { nodeId: string; appId: string; desiredState: string; state: string; appd: TInstanceRules }
export interface TLoadedNode {
  nodeId: string; nodeName: string; tenantId: string; adapter: TDataPlane['adapter'];
  ruleSetVersion: number; desiredRevision: number; appliedRevision: number; createdAt: Date;
  instances: TLoadedInstance[];
}

export function adapterOf(stored: unknown): TDataPlane['adapter'] {
  const parsed = ZDataPlane.safeParse(stored);
  return parsed.success ? parsed.data.adapter : 'memory';
}

/** The nodes among `nodeIds` (of `tenantId`, when given) with their live instances, in creation order. */
export async function loadNodeRuleSets(db: DbExecutor, nodeIds: string[], tenantId?: string): Promise<Map<string, TLoadedNode>> {
  const nodes = await db.edgeNode.findMany({
    where: { id: { in: nodeIds }, ...(tenantId ? { tenantId } : {}) },
    select: { id: true, name: true, tenantId: true, dataPlane: true, ruleSetVersion: true, desiredRevision: true, appliedRevision: true, createdAt: true },
  });
  const instances = await db.appInstance.findMany({
    where: { nodeId: { in: nodes.map((n) => n.id) }, terminatedAt: null, removedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, nodeId: true, appId: true, desiredState: true, state: true, trafficRules: true, dnsRules: true, app: { select: { name: true } }, appVersion: { select: { appd: true } } },
  });
  const out = new Map<string, TLoadedNode>(nodes.map((n) => [n.id, {
    nodeId: n.id, nodeName: n.name, tenantId: n.tenantId, adapter: adapterOf(n.dataPlane), ruleSetVersion: n.ruleSetVersion,
    desiredRevision: n.desiredRevision, appliedRevision: n.appliedRevision, createdAt: n.createdAt, instances: [],
  }]));
  for (const i of instances) {
    out.get(i.nodeId)!.instances.push({
      appInstanceId: i.id, appName: i.app.name, nodeId: i.nodeId, appId: i.appId, desiredState: i.desiredState, state: i.state,
      ...currentRules(i), appd: { trafficRules: trafficRulesOf(i.appVersion.appd), dnsRules: dnsRulesOf(i.appVersion.appd) },
    });
  }
  return out;
}

/** What a version or the dry run shows of an instance: no internal fields. */
export function ruleSetOf(i: TInstanceRuleSet): TInstanceRuleSet {
  return { appInstanceId: i.appInstanceId, appName: i.appName, trafficRules: i.trafficRules, dnsRules: i.dnsRules };
}
