/**
 * Findings about one ACTIVE traffic rule on its own:
 * - `catch_all_drop`: a DROP with a filter that names no address, port or protocol (or only
 *   "all" of them: 0.0.0.0/0, ::/0, 0-65535, ANY) and nothing else: it drops all traffic of the node;
 * - `unsupported_by_adapter`: the node's data plane cannot express the rule's action or a filter
 *   field it uses (`capabilitiesOf`), one finding per action or field.
 */
import type { TRuleFinding } from '@mecport/contracts';
import type { capabilitiesOf } from '@mecport/upf-adapters/capabilities';
import type { TCompiledFilter, TCompiledRule } from './compiled-rule';
import { setCovers } from './field-sets';
import { ALL_PORTS, ALL_PROTOCOLS, ALL_V4, ALL_V6, type TRange } from './value-ranges';

type TAdapterCapabilities = ReturnType<typeof capabilitiesOf>;
/** The fields that say which traffic; a filter with none of them (or "all" in them) matches everything. */
const WHICH_TRAFFIC: Record<string, readonly (readonly TRange[])[]> = {
  srcAddress: [[ALL_V4], [ALL_V6]],
  dstAddress: [[ALL_V4], [ALL_V6]],
  srcPort: [ALL_PORTS],
  dstPort: [ALL_PORTS],
  protocol: [ALL_PROTOCOLS],
};

/** A field matches all traffic when absent or when it holds all of one address family, port or protocol. */
function matchesAll(filter: TCompiledFilter): boolean {
  return Object.entries(filter).every(([name, set]) => {
    const everything = WHICH_TRAFFIC[name];
    return everything !== undefined && everything.some((all) => setCovers(set, undefined, all));
  });
}

export function catchAllDrop(rule: TCompiledRule): TRuleFinding | undefined {
  if (rule.rule.action !== 'DROP' || !rule.filters.some(matchesAll)) return undefined;
  const { trafficRuleId: ruleId, priority } = rule.rule;
  return {
    code: 'catch_all_drop', severity: 'error', appInstanceId: rule.appInstanceId, kind: 'traffic', ruleId,
    params: { priority, app: rule.appName },
    message: `Traffic rule ${ruleId} of ${rule.appName} drops all traffic of the node (a DROP with no address, port or protocol, at priority ${priority}).`,
  };
}

function unsupported(rule: TCompiledRule, adapter: string, what: 'action' | 'field', name: string): TRuleFinding {
  const ruleId = rule.rule.trafficRuleId;
  return {
    code: 'unsupported_by_adapter', severity: 'error', appInstanceId: rule.appInstanceId, kind: 'traffic', ruleId,
    params: { adapter, what, name, app: rule.appName },
    message: what === 'action'
      ? `Traffic rule ${ruleId} of ${rule.appName}: the node's ${adapter} data plane cannot carry out the action ${name}.`
      : `Traffic rule ${ruleId} of ${rule.appName}: the node's ${adapter} data plane cannot match on ${name}.`,
  };
}

export function unsupportedByAdapter(rule: TCompiledRule, capabilities: TAdapterCapabilities): TRuleFinding[] {
  const findings: TRuleFinding[] = [];
  if (!capabilities.trafficActions.includes(rule.rule.action)) findings.push(unsupported(rule, capabilities.kind, 'action', rule.rule.action));
  const named = new Set<string>();
  for (const filter of rule.filters) {
    for (const field in filter) {
      if (named.has(field) || capabilities.filterFields.includes(field)) continue;
      named.add(field);
      findings.push(unsupported(rule, capabilities.kind, 'field', field));
    }
  }
  return findings;
}
