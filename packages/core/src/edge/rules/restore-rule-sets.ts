/**
 * Going back: a node's earlier rule-set version restored (a new version equal to the old one,
 * kind `restore`), a whole change rolled back (on every node of the change, the version before
 * it, kind `rollback`), and a change's failed nodes retried (a new revision, the same rules).
 * Instances that were not on the node in the old version keep their rules; instances gone since
 * are left out.
 */
import { AppError, type TRuleChange } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { bumpDesiredRevisions, lockNodeRows } from '../channel/revision';
import { commitOperatorRuleChange, type TRulePatch } from './commit-rule-change';
import type { TInstanceRuleSet } from './dry-run';
import { getRuleChange, ruleChangeNotFound } from './read-rule-changes';
import { loadNodeRuleSets } from './node-rule-sets';
import { appdVersionOf, tenantNode, versionInstances } from './rule-set-versions';

/** Patches that make a node's instances what `instances` says (version 0: back to the AppD's, stored rules cleared). */
function patchesTo(version: number, instances: TInstanceRuleSet[]): Map<string, TRulePatch> {
  return new Map(instances.map((i) => [i.appInstanceId, version === 0 ? { trafficRules: null, dnsRules: null } : { trafficRules: i.trafficRules, dnsRules: i.dnsRules }]));
}

export async function restoreRuleSetVersion(db: DbClient, actor: TActor, nodeId: string, version: number, requestId?: string): Promise<TRuleChange> {
  const node = await tenantNode(db, actor.tenant.id, nodeId);
  const instances = await versionInstances(db, node, version);
  const changeId = await commitOperatorRuleChange(db, {
    tenantId: actor.tenant.id, kind: 'restore', note: `Restore version ${version} of node ${node.nodeName}`, selection: { nodeId, version }, edits: [],
    by: actor, requestId, nodeIds: [nodeId], plan: () => patchesTo(version, instances),
  });
  return getRuleChange(db, actor.tenant.id, changeId);
}

export async function rollbackRuleChange(db: DbClient, actor: TActor, changeId: string, requestId?: string): Promise<TRuleChange> {
  const change = await db.ruleChange.findFirst({ where: { id: changeId, tenantId: actor.tenant.id }, select: { id: true, nodes: { select: { nodeId: true, version: true } } } });
  if (!change) throw ruleChangeNotFound(changeId);
  // All nodes and their earlier versions in three queries (a change may span 1,000 nodes); nodes gone since are left out.
  const nodes = await loadNodeRuleSets(db, change.nodes.map((n) => n.nodeId), actor.tenant.id);
  const earlier = change.nodes.filter((n) => n.version > 1 && nodes.has(n.nodeId)).map((n) => ({ nodeId: n.nodeId, version: n.version - 1 }));
  const stored = earlier.length === 0 ? [] : await db.ruleSetVersion.findMany({ where: { OR: earlier }, select: { nodeId: true, instances: true } });
  const storedOf = new Map(stored.map((v) => [v.nodeId, v.instances as unknown as TInstanceRuleSet[]]));
  const patches = new Map<string, TRulePatch>();
  for (const row of change.nodes) {
    const node = nodes.get(row.nodeId);
    if (!node) continue;
    const version = row.version - 1;
    const instances = version === 0 ? appdVersionOf(node).instances : storedOf.get(row.nodeId) ?? [];
    for (const [id, patch] of patchesTo(version, instances)) patches.set(id, patch);
  }
  const rollbackId = await commitOperatorRuleChange(db, {
    tenantId: actor.tenant.id, kind: 'rollback', note: `Roll back change ${changeId}`, selection: { changeId }, edits: [],
    by: actor, requestId, rollbackOf: changeId, nodeIds: [...nodes.keys()], plan: () => patches,
  });
  return getRuleChange(db, actor.tenant.id, rollbackId);
}

/** The change's failed nodes get a new desired revision (the node's current rules) and read pending again; 409 when none failed. */
export async function retryRuleChange(db: DbClient, actor: TActor, changeId: string, requestId?: string): Promise<TRuleChange> {
  await db.$transaction(async (tx) => {
    const change = await tx.ruleChange.findFirst({ where: { id: changeId, tenantId: actor.tenant.id }, select: { id: true } });
    if (!change) throw ruleChangeNotFound(changeId);
    const failed = (await tx.ruleChangeNode.findMany({ where: { changeId, status: 'failed' }, select: { nodeId: true } })).map((r) => r.nodeId).sort();
    if (failed.length === 0) throw new AppError('conflict', `Change ${changeId} has no failed node to retry`);
    await lockNodeRows(tx, failed);
    const revisions = await bumpDesiredRevisions(tx, failed);
    const rows = failed.map((nodeId) => ({ node_id: nodeId, revision: revisions.get(nodeId)! }));
    await tx.$executeRaw`
      UPDATE rule_change_node r SET status = 'pending', reason = NULL, revision = v.revision, updated_at = now()
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(node_id uuid, revision int)
      WHERE r.change_id = ${changeId}::uuid AND r.node_id = v.node_id AND r.status = 'failed'`;
    await recordAudit(tx, actor, { action: 'edge.rules.retry', target: { type: 'rule-change', id: changeId }, data: { nodes: failed.length }, requestId });
  });
  return getRuleChange(db, actor.tenant.id, changeId);
}
