/**
 * What the map shows of a node's steering: its instances' current rules, each rule's status as
 * the agent last reported it, the version the node last confirmed, and the names its local DNS
 * answers: the ACTIVE DNS rules of its running instances.
 */
import type { TNodeRules } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { ruleSetOf } from './node-rule-sets';
import { tenantNode } from './rule-set-versions';

type TStatus = TNodeRules['statuses'][number];

/** The newest version the node's agent confirmed applied; 0 before any change once it applied a revision; else null. */
async function appliedVersion(db: DbExecutor, node: { nodeId: string; ruleSetVersion: number; appliedRevision: number }): Promise<number | null> {
  const applied = await db.ruleChangeNode.aggregate({ where: { nodeId: node.nodeId, status: 'applied' }, _max: { version: true } });
  return applied._max.version ?? (node.appliedRevision >= 0 ? 0 : null);
}

export async function nodeRules(db: DbExecutor, tenantId: string, nodeId: string): Promise<TNodeRules> {
  const node = await tenantNode(db, tenantId, nodeId);
  const statuses = await db.ruleStatus.findMany({ where: { appInstanceId: { in: node.instances.map((i) => i.appInstanceId) } }, orderBy: [{ appInstanceId: 'asc' }, { kind: 'asc' }, { ruleId: 'asc' }] });
  const running = node.instances.filter((i) => i.desiredState === 'RUNNING' && i.state === 'RUNNING');
  return {
    nodeId, adapter: node.adapter, version: node.ruleSetVersion, appliedVersion: await appliedVersion(db, node),
    instances: node.instances.map(ruleSetOf),
    statuses: statuses.map((s): TStatus => ({ appInstanceId: s.appInstanceId, kind: s.kind as TStatus['kind'], ruleId: s.ruleId, state: s.state as TStatus['state'], reason: s.reason, stateChangedBy: s.stateChangedBy })),
    dnsAnswers: running.flatMap((i) => i.dnsRules.filter((r) => r.state === 'ACTIVE').map((r) => ({ domainName: r.domainName, ipAddress: r.ipAddress, ttl: r.ttl ?? null, appInstanceId: i.appInstanceId, appName: i.appName }))),
  };
}
