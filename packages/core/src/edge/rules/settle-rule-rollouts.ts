/**
 * Settling rule rollouts from the agents' reports, inside the reports' group-committed transaction
 * (set-based: 1,000 agents report at once). A node's pending rollout rows whose revision the
 * report covers settle: the newest becomes `applied` only when the data plane confirmed the rules
 * ("applied means applied"), else `failed` with the adapter's reasons; older ones are
 * `superseded` (the node went past them). Every rule result is stored as the rule's status.
 *
 * A report without `ruleResults` (an older agent, or one whose adapter confirms nothing) confirms
 * rules only on the `memory` data plane, where nothing outside the agent has to take them: the
 * revision applied is enough there. On any other data plane (nftables, NEF, CAMARA) such a report
 * fails the rollout with a reason saying so, rather than reading "applied" for rules nobody
 * confirmed.
 */
import type { TNodeReport, TRuleResult } from '@mecport/contracts';
import type { DbTransaction } from '@mecport/db';

export interface TRuleReportItem { nodeId: string; report: TNodeReport }

const NO_RESULTS = 'the agent reported no rule results, so its data plane confirmed none of the rules (update the agent)';
const MAX_REASON = 2000;

/** Why the node's rollout at this report failed, or null when nothing failed. */
function failureOf(report: TNodeReport): string | null {
  const failed = (report.ruleResults ?? []).filter((r) => r.state === 'failed').map((r) => `${r.kind} rule ${r.ruleId}: ${r.reason ?? 'failed'}`);
  const parts = report.outcome === 'failed' ? [report.message ?? 'the agent could not apply the revision', ...failed] : failed;
  return parts.length === 0 ? null : parts.join('; ').slice(0, MAX_REASON);
}

async function settleRows(tx: DbTransaction, items: TRuleReportItem[]): Promise<void> {
  const rows = items.map(({ nodeId, report }) => ({ id: nodeId, applied: report.appliedRevision, has_results: report.ruleResults !== undefined, failed: failureOf(report) }));
  await tx.$executeRaw`
    WITH v AS (SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id uuid, applied int, has_results boolean, failed text)),
    settled AS (
      SELECT r.change_id, r.node_id, r.revision < max(r.revision) OVER (PARTITION BY r.node_id) AS older,
        COALESCE(v.failed, CASE WHEN NOT v.has_results AND COALESCE(n.data_plane->>'adapter', 'memory') <> 'memory' THEN ${NO_RESULTS} END) AS why
      FROM rule_change_node r JOIN v ON r.node_id = v.id JOIN edge_node n ON n.id = r.node_id
      WHERE r.status = 'pending' AND r.revision <= v.applied)
    UPDATE rule_change_node r SET
      status = CASE WHEN s.older THEN 'superseded' WHEN s.why IS NULL THEN 'applied' ELSE 'failed' END,
      reason = CASE WHEN s.older THEN NULL ELSE s.why END, updated_at = now()
    FROM settled s WHERE r.change_id = s.change_id AND r.node_id = s.node_id`;
}

/** The rule results as statuses, only for instances of the reporting node; the last result of a rule wins. */
async function storeStatuses(tx: DbTransaction, items: TRuleReportItem[]): Promise<void> {
  const byKey = new Map<string, TRuleResult & { node_id: string }>();
  for (const { nodeId, report } of items) for (const r of report.ruleResults ?? []) byKey.set(`${r.appInstanceId}|${r.kind}|${r.ruleId}`, { ...r, node_id: nodeId });
  if (byKey.size === 0) return;
  const rows = [...byKey.values()].map((r) => ({ node_id: r.node_id, app_instance_id: r.appInstanceId, kind: r.kind, rule_id: r.ruleId, state: r.state, reason: r.reason ?? null }));
  await tx.$executeRaw`
    INSERT INTO rule_status (app_instance_id, kind, rule_id, state, reason, updated_at)
    SELECT v.app_instance_id, v.kind, v.rule_id, v.state, v.reason, now()
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(node_id uuid, app_instance_id uuid, kind text, rule_id text, state text, reason text)
    JOIN app_instance a ON a.id = v.app_instance_id AND a.node_id = v.node_id
    ON CONFLICT (app_instance_id, kind, rule_id) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason, updated_at = now()`;
}

/** On the memory data plane a report without results confirms the node's pending rule statuses once no rollout is pending there. */
async function confirmMemoryStatuses(tx: DbTransaction, items: TRuleReportItem[]): Promise<void> {
  const nodeIds = items.filter(({ report }) => report.ruleResults === undefined && report.outcome === 'applied').map((i) => i.nodeId);
  if (nodeIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE rule_status s SET state = 'applied', reason = NULL, updated_at = now()
    FROM app_instance a JOIN edge_node n ON n.id = a.node_id
    WHERE s.app_instance_id = a.id AND s.state = 'pending' AND COALESCE(n.data_plane->>'adapter', 'memory') = 'memory'
      AND n.id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(nodeIds)}::json))
      AND NOT EXISTS (SELECT 1 FROM rule_change_node r WHERE r.node_id = n.id AND r.status = 'pending')`;
}

/** Run inside the reports' transaction, after their nodes' rows are locked. */
export async function settleRuleRollouts(tx: DbTransaction, items: TRuleReportItem[]): Promise<void> {
  if (items.length === 0) return;
  await settleRows(tx, items);
  await storeStatuses(tx, items);
  await confirmMemoryStatuses(tx, items);
}
