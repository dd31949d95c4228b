/**
 * An operator's edits as a plan: what each selected instance's rules become, and every edit that
 * names a rule an instance lacks (the dry run's `instance_not_found`). Pure.
 */
import type { TRuleEdit, TRuleFinding } from '@mecport/contracts';
import { applyRuleEdits } from './apply-rule-edits';
import type { TRulePatch } from './commit-rule-change';
import type { TLoadedNode } from './node-rule-sets';

export interface TEditPlan { patches: Map<string, TRulePatch>; missing: (TRuleFinding & { nodeId: string })[] }

export function planRuleEdits(nodes: Iterable<TLoadedNode>, selected: Set<string>, edits: TRuleEdit[]): TEditPlan {
  const patches = new Map<string, TRulePatch>();
  const missing: TEditPlan['missing'] = [];
  for (const node of nodes) {
    for (const instance of node.instances.filter((i) => selected.has(i.appInstanceId))) {
      const edited = applyRuleEdits(instance, edits);
      patches.set(instance.appInstanceId, {
        ...(edited.touched.traffic ? { trafficRules: edited.rules.trafficRules } : {}),
        ...(edited.touched.dns ? { dnsRules: edited.rules.dnsRules } : {}),
      });
      for (const m of edited.missing) {
        missing.push({
          nodeId: node.nodeId, code: 'instance_not_found', severity: 'error', appInstanceId: instance.appInstanceId, kind: m.kind, ruleId: m.ruleId,
          params: { edit: m.editIndex, appName: instance.appName, nodeName: node.nodeName },
          message: `edits[${m.editIndex}]: ${instance.appName} on node ${node.nodeName} has no ${m.kind} rule "${m.ruleId}"`,
        });
      }
    }
  }
  return { patches, missing };
}
