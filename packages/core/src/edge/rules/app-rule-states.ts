/**
 * An app switched its own rules ACTIVE / INACTIVE through Mp1 (MEC 011 PUT on its agent); the agent
 * applied it already and tells the portal (`POST /api/v1/edge/rule-states`). Each app's switches
 * become a rule change of kind `app`, made by `app:<appInstanceId>`: the instance's stored rules,
 * a new rule-set version and desired revision (so the desired state says what the app did), the
 * rules' status naming who switched them, and the audit event. An agent speaks only for instances
 * on its own node: another node's instance is forbidden (403), an unknown one not found (404).
 * A switch of a rule an operator deleted meanwhile is ignored (the agent retries until taken).
 */
import { AppError, notFoundInTenant, type TRuleEdit, type TRuleStateReport } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { commitRuleChange, type TRulePatch } from './commit-rule-change';
import { applyRuleEdits } from './apply-rule-edits';

export interface TRuleStateAgent { nodeId: string; tenantId: string }

export async function recordAppRuleStates(db: DbClient, agent: TRuleStateAgent, report: TRuleStateReport): Promise<void> {
  const ids = [...new Set(report.changes.map((c) => c.appInstanceId))];
  const instances = await db.appInstance.findMany({ where: { id: { in: ids }, tenantId: agent.tenantId }, select: { id: true, nodeId: true, app: { select: { name: true } } } });
  const unknown = ids.find((id) => !instances.some((i) => i.id === id));
  if (unknown) throw notFoundInTenant('app-instance', unknown);
  const foreign = instances.find((i) => i.nodeId !== agent.nodeId);
  if (foreign) throw new AppError('forbidden', `App instance ${foreign.id} is not on this agent's node`);
  for (const instance of instances) {
    const by = `app:${instance.id}`;
    const edits: TRuleEdit[] = report.changes
      .filter((c) => c.appInstanceId === instance.id)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((c) => ({ op: 'setState', kind: c.kind, ruleId: c.ruleId, state: c.state }));
    await commitRuleChange(db, {
      tenantId: agent.tenantId, kind: 'app', note: `${instance.app.name} switched ${edits.length} rule${edits.length === 1 ? '' : 's'} through Mp1`,
      selection: { kind: 'instances', appInstanceIds: [instance.id] }, edits, by: { subject: by, name: instance.app.name, tenant: { id: agent.tenantId } },
      stateChangedBy: by, nodeIds: [agent.nodeId],
      plan: (nodes) => {
        const current = nodes.get(agent.nodeId)?.instances.find((i) => i.appInstanceId === instance.id);
        if (!current) return new Map<string, TRulePatch>(); // terminated meanwhile: nothing to record
        const { rules, touched } = applyRuleEdits(current, edits); // rules deleted meanwhile are skipped
        return new Map([[instance.id, { ...(touched.traffic ? { trafficRules: rules.trafficRules } : {}), ...(touched.dns ? { dnsRules: rules.dnsRules } : {}) }]]);
      },
    });
  }
}
