/**
 * Every rule change (an operator's edit, a restore, a rollback, an app's switch through Mp1) is
 * written here, in ONE transaction: the nodes' rows are locked in id order first (as every edge
 * writer does: a deployment that locked them in name order deadlocked against reports), the
 * current rules are read under the lock, the caller's plan says what each instance's rules
 * become, and then the instances' rules, a new rule-set version per changed node, a new desired
 * revision (which wakes the agents' long-polls), the change's rollout rows (pending), the changed
 * rules' status (pending) and the audit event are written. On any error nothing is.
 */
import { AppError, type TMp1DnsRule, type TMp1TrafficRule, type TRuleEdit } from '@mecport/contracts';
import type { DbClient, DbTransaction, Prisma } from '@mecport/db';
import { recordAudit, type TAuditActor } from '../../audit';
import { bumpDesiredRevisions, lockNodeRows } from '../channel/revision';
import type { TInstanceRuleSet } from './dry-run';
import { loadNodeRuleSets, ruleSetOf, type TLoadedInstance, type TLoadedNode } from './node-rule-sets';
import { diffRuleSets, type TRuleDiff } from './rule-set-diff';

/** What an instance's rules become; an absent kind stays, null goes back to the AppD's. */
export interface TRulePatch { trafficRules?: TMp1TrafficRule[] | null; dnsRules?: TMp1DnsRule[] | null }
export type TRuleChangeKind = 'edit' | 'restore' | 'rollback' | 'app';

export interface TRuleChangeSpec {
  tenantId: string;
  kind: TRuleChangeKind;
  note: string;
  selection: Prisma.InputJsonValue;
  edits: TRuleEdit[];
  by: TAuditActor;
  requestId?: string;
  rollbackOf?: string;
  nodeIds: string[];
  /** Set on the changed rules' status (`app:<id>` for an app's switch); null otherwise. */
  stateChangedBy?: string;
  /** Reads the locked nodes' current rules; answers each instance's patch (it may throw an AppError). */
  plan(nodes: Map<string, TLoadedNode>): Map<string, TRulePatch>;
}

/** 1,000 nodes' rows, versions and rollout rows while agents report can exceed Prisma's 5 s default. */
const RULE_TX = { maxWait: 10_000, timeout: 30_000 };

interface TNodeOutcome { node: TLoadedNode; after: TInstanceRuleSet[]; diff: TRuleDiff[]; updates: { id: string; set_t: boolean; t: unknown; set_d: boolean; d: unknown }[] }

function patched(i: TLoadedInstance, p: TRulePatch | undefined): TInstanceRuleSet {
  const pick = <T>(now: T[], appd: T[], next: T[] | null | undefined) => (next === undefined ? now : next === null ? appd : next);
  return { ...ruleSetOf(i), trafficRules: pick(i.trafficRules, i.appd.trafficRules, p?.trafficRules), dnsRules: pick(i.dnsRules, i.appd.dnsRules, p?.dnsRules) };
}

function outcomeOf(node: TLoadedNode, patches: Map<string, TRulePatch>): TNodeOutcome {
  const after = node.instances.map((i) => patched(i, patches.get(i.appInstanceId)));
  const diff = diffRuleSets(node.instances.map(ruleSetOf), after);
  const changed = new Set(diff.map((d) => d.appInstanceId));
  const updates = node.instances.filter((i) => changed.has(i.appInstanceId)).map((i) => {
    const p = patches.get(i.appInstanceId) ?? {};
    return { id: i.appInstanceId, set_t: p.trafficRules !== undefined, t: p.trafficRules ?? null, set_d: p.dnsRules !== undefined, d: p.dnsRules ?? null };
  });
  return { node, after, diff, updates };
}

async function writeInstances(tx: DbTransaction, outcomes: TNodeOutcome[]): Promise<void> {
  const rows = outcomes.flatMap((o) => o.updates);
  await tx.$executeRaw`
    UPDATE app_instance a SET
      traffic_rules = CASE WHEN v.set_t THEN v.t ELSE a.traffic_rules END,
      dns_rules = CASE WHEN v.set_d THEN v.d ELSE a.dns_rules END, updated_at = now()
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id uuid, set_t boolean, t jsonb, set_d boolean, d jsonb)
    WHERE a.id = v.id`;
}

async function bumpRuleSetVersions(tx: DbTransaction, nodeIds: string[]): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ id: string; rule_set_version: number }[]>`
    UPDATE edge_node SET rule_set_version = rule_set_version + 1
    WHERE id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(nodeIds)}::json)) RETURNING id, rule_set_version`;
  return new Map(rows.map((r) => [r.id, r.rule_set_version]));
}

/** The changed rules read `pending` until the node's agent reports them. */
async function markPending(tx: DbTransaction, diff: TRuleDiff[], stateChangedBy: string | null): Promise<void> {
  const rows = diff.map((d) => ({ app_instance_id: d.appInstanceId, kind: d.kind, rule_id: d.ruleId }));
  await tx.$executeRaw`
    INSERT INTO rule_status (app_instance_id, kind, rule_id, state, reason, state_changed_by, updated_at)
    SELECT v.app_instance_id, v.kind, v.rule_id, 'pending', NULL, ${stateChangedBy}, now()
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(app_instance_id uuid, kind text, rule_id text)
    ON CONFLICT (app_instance_id, kind, rule_id) DO UPDATE SET state = 'pending', reason = NULL, state_changed_by = EXCLUDED.state_changed_by, updated_at = now()`;
}

/** Writes the change; its id, or null when it changes no rule on any node (the caller decides whether that is an error). */
export async function commitRuleChange(db: DbClient, spec: TRuleChangeSpec): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const ids = [...new Set(spec.nodeIds)].sort();
    await lockNodeRows(tx, ids);
    const nodes = await loadNodeRuleSets(tx, ids, spec.tenantId);
    const patches = spec.plan(nodes);
    const outcomes = [...nodes.values()].map((n) => outcomeOf(n, patches)).filter((o) => o.diff.length > 0);
    if (outcomes.length === 0) return null;
    const diff = outcomes.flatMap((o) => o.diff.map((d) => ({ ...d, nodeId: o.node.nodeId })));
    const change = await tx.ruleChange.create({
      data: {
        tenantId: spec.tenantId, kind: spec.kind, note: spec.note, selection: spec.selection, edits: spec.edits as Prisma.InputJsonValue,
        diff: diff as unknown as Prisma.InputJsonValue, createdBy: spec.by.subject, createdByName: spec.by.name, rollbackOf: spec.rollbackOf ?? null,
      },
    });
    const changedIds = outcomes.map((o) => o.node.nodeId);
    const revisions = await bumpDesiredRevisions(tx, changedIds);
    const versions = await bumpRuleSetVersions(tx, changedIds);
    await writeInstances(tx, outcomes);
    await tx.ruleSetVersion.createMany({
      data: outcomes.map((o) => ({ nodeId: o.node.nodeId, version: versions.get(o.node.nodeId)!, changeId: change.id, createdBy: spec.by.subject, instances: o.after as unknown as Prisma.InputJsonValue })),
    });
    await tx.ruleChangeNode.createMany({
      data: changedIds.map((nodeId) => ({ changeId: change.id, nodeId, version: versions.get(nodeId)!, revision: revisions.get(nodeId)! })),
    });
    await markPending(tx, diff, spec.stateChangedBy ?? null);
    await recordAudit(tx, spec.by, {
      action: `edge.rules.${spec.kind}`, target: { type: 'rule-change', id: change.id }, requestId: spec.requestId,
      data: { note: spec.note, nodes: changedIds.length, changes: diff.length, diff: diff.slice(0, 100) as unknown as Prisma.InputJsonArray, ...(spec.rollbackOf ? { rollbackOf: spec.rollbackOf } : {}) },
    });
    return change.id;
  }, RULE_TX);
}

/** commitRuleChange for operators: a change that changes nothing is refused (409). */
export async function commitOperatorRuleChange(db: DbClient, spec: TRuleChangeSpec): Promise<string> {
  const id = await commitRuleChange(db, spec);
  if (id === null) throw new AppError('conflict', 'The change changes no rule on any node');
  return id;
}
