/**
 * An operator's rule change, from preview to apply: the selection resolved to the tenant's
 * instances, the edits planned on every affected node's full rule set (the dry run needs the
 * other instances too), the dry run, and the change written in one transaction.
 *
 * @example
 *   const report = await dryRunRuleChange(db, actor.tenant.id, request);   // before/after per node, findings
 *   const change = await submitRuleChange(db, actor, request, requestId); // 409 with `report` when it has errors
 */
import { AppError, type TDryRunReport, type TRuleChange, type TRuleChangeRequest } from '@mecport/contracts';
import type { DbClient, DbExecutor, Prisma } from '@mecport/db';
import type { TActor } from '../../identity';
import { commitOperatorRuleChange, type TRulePatch } from './commit-rule-change';
import { dryRunReport, type TDryRunNodeInput } from './dry-run';
import { loadNodeRuleSets, ruleSetOf, type TLoadedNode } from './node-rule-sets';
import { planRuleEdits, type TEditPlan } from './plan-rule-edits';
import { getRuleChange } from './read-rule-changes';
import { resolveRuleSelection } from './resolve-rule-selection';

export interface TRuleChangePreview { nodes: TDryRunNodeInput[]; missing: TEditPlan['missing'] }

function afterOf(node: TLoadedNode, patches: Map<string, TRulePatch>) {
  return node.instances.map((i) => {
    const p = patches.get(i.appInstanceId);
    return { ...ruleSetOf(i), trafficRules: p?.trafficRules ?? i.trafficRules, dnsRules: p?.dnsRules ?? i.dnsRules };
  });
}

/** Every affected node's rule set before and after the change (what the dry run reads), and the edits naming rules an instance lacks. */
export async function previewRuleChange(db: DbExecutor, tenantId: string, request: TRuleChangeRequest): Promise<TRuleChangePreview> {
  const selected = await resolveRuleSelection(db, tenantId, request.selection);
  const nodes = await loadNodeRuleSets(db, [...new Set(selected.map((i) => i.nodeId))], tenantId);
  const { patches, missing } = planRuleEdits(nodes.values(), new Set(selected.map((i) => i.id)), request.edits);
  const inputs = [...nodes.values()].sort((a, b) => a.nodeName.localeCompare(b.nodeName)).map((n) => ({
    nodeId: n.nodeId, nodeName: n.nodeName, adapter: n.adapter, before: n.instances.map(ruleSetOf), after: afterOf(n, patches),
  }));
  return { nodes: inputs, missing };
}

/** The dry run's report, with the edits that name a missing rule as `instance_not_found` errors of their nodes. */
export async function dryRunRuleChange(db: DbExecutor, tenantId: string, request: TRuleChangeRequest): Promise<TDryRunReport> {
  const preview = await previewRuleChange(db, tenantId, request);
  const report = dryRunReport(preview.nodes);
  if (preview.missing.length === 0) return report;
  const nodes = report.nodes.map((n) => ({ ...n, findings: [...preview.missing.filter((m) => m.nodeId === n.nodeId).map(({ nodeId: _n, ...f }) => f), ...n.findings] }));
  const errors = report.totals.errors + preview.missing.length;
  return { ...report, nodes, totals: { ...report.totals, errors }, canApply: false };
}

/** Applies the edits as they stand under the nodes' locks; an edit naming a missing rule refuses the change (409). */
export async function applyRuleChange(db: DbClient, actor: TActor, request: TRuleChangeRequest, requestId?: string): Promise<string> {
  const selected = await resolveRuleSelection(db, actor.tenant.id, request.selection);
  const ids = new Set(selected.map((i) => i.id));
  return commitOperatorRuleChange(db, {
    tenantId: actor.tenant.id, kind: 'edit', note: request.note, selection: request.selection as Prisma.InputJsonValue, edits: request.edits,
    by: actor, requestId, nodeIds: selected.map((i) => i.nodeId),
    plan: (nodes) => {
      const { patches, missing } = planRuleEdits(nodes.values(), ids, request.edits);
      if (missing.length > 0) throw new AppError('conflict', `${missing[0]!.message}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`, { extensions: { findings: missing.slice(0, 100) } });
      return patches;
    },
  });
}

/** Dry run first: a report with errors refuses the change (409, the report as `report`); else it is applied. */
export async function submitRuleChange(db: DbClient, actor: TActor, request: TRuleChangeRequest, requestId?: string): Promise<TRuleChange> {
  const report = await dryRunRuleChange(db, actor.tenant.id, request);
  if (report.totals.errors > 0) {
    throw new AppError('conflict', `The dry run found ${report.totals.errors} error${report.totals.errors === 1 ? '' : 's'}; nothing was applied`, { extensions: { report } });
  }
  const changeId = await applyRuleChange(db, actor, request, requestId);
  return getRuleChange(db, actor.tenant.id, changeId);
}
