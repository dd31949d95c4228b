/**
 * Conflicts between the ACTIVE traffic rules of one node, whichever instances they belong to
 * (the node has one data plane). MEC 011: priority 0 is the highest, 255 the lowest.
 * - `overlap_same_priority`: two rules at one priority can match one packet and treat it
 *   differently; which one wins is up to the data plane.
 * - `shadowed`: every filter of a rule is covered by a filter of a higher-priority rule: it can
 *   never match.
 */
import type { TRuleFinding } from '@mecport/contracts';
import { candidatePairs } from './candidate-pairs';
import { filterCovers, rulesIntersect, type TCompiledRule } from './compiled-rule';
import { destinationText, sameTreatment } from './destination';

function overlap(rule: TCompiledRule, other: TCompiledRule): TRuleFinding {
  const params = {
    priority: rule.rule.priority,
    app: rule.appName, action: rule.rule.action, destination: destinationText(rule.rule.dstInterface),
    otherApp: other.appName, otherAction: other.rule.action, otherDestination: destinationText(other.rule.dstInterface),
  };
  return {
    code: 'overlap_same_priority', severity: 'error', appInstanceId: rule.appInstanceId, kind: 'traffic', ruleId: rule.rule.trafficRuleId,
    other: { appInstanceId: other.appInstanceId, ruleId: other.rule.trafficRuleId },
    params,
    message: `Traffic rule ${rule.rule.trafficRuleId} of ${rule.appName} (${rule.rule.action} to ${params.destination}) and rule ${other.rule.trafficRuleId} of ${other.appName} (${other.rule.action} to ${params.otherDestination}) can match the same traffic at priority ${rule.rule.priority}: which one applies is undefined.`,
  };
}

function shadowed(rule: TCompiledRule, by: TCompiledRule): TRuleFinding {
  return {
    code: 'shadowed', severity: 'warning', appInstanceId: rule.appInstanceId, kind: 'traffic', ruleId: rule.rule.trafficRuleId,
    other: { appInstanceId: by.appInstanceId, ruleId: by.rule.trafficRuleId },
    params: { priority: rule.rule.priority, app: rule.appName, otherPriority: by.rule.priority, otherApp: by.appName },
    message: `Traffic rule ${rule.rule.trafficRuleId} of ${rule.appName} (priority ${rule.rule.priority}) can never match: rule ${by.rule.trafficRuleId} of ${by.appName} at the higher priority ${by.rule.priority} matches all its traffic first.`,
  };
}

/** For each filter of `lower` not yet covered, the rule that covers it, if `higher` does. */
function markCovered(lower: TCompiledRule, higher: TCompiledRule, covers: (TCompiledRule | undefined)[]): void {
  lower.filters.forEach((filter, f) => {
    if (!covers[f] && higher.filters.some((outer) => filterCovers(outer, filter))) covers[f] = higher;
  });
}

/** `rules`: the node's ACTIVE traffic rules, in a stable order (findings follow it). */
export function trafficConflicts(rules: readonly TCompiledRule[]): TRuleFinding[] {
  const findings: TRuleFinding[] = [];
  const covers = rules.map((rule) => rule.filters.map((): TCompiledRule | undefined => undefined));
  for (const [i, j] of candidatePairs(rules).sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const a = rules[i]!;
    const b = rules[j]!;
    if (a.rule.priority === b.rule.priority) {
      if (!sameTreatment(a.rule, b.rule) && rulesIntersect(a, b)) findings.push(overlap(b, a));
    } else if (a.rule.priority < b.rule.priority) markCovered(b, a, covers[j]!);
    else markCovered(a, b, covers[i]!);
  }
  rules.forEach((rule, r) => {
    const by = covers[r]!;
    if (by.every((cover) => cover !== undefined)) findings.push(shadowed(rule, by[0]!));
  });
  return findings;
}
