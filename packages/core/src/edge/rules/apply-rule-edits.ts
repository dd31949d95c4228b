/**
 * Edits applied to one instance's rules, a pure function: `putTraffic` / `putDns` add a rule or
 * replace the one with its id, `delete` removes one, `setState` switches one ACTIVE / INACTIVE.
 * Deleting or switching a rule the instance lacks is an error naming the rule (the dry run shows
 * it as `instance_not_found`); the other edits still apply, so the caller sees every such rule.
 *
 * @example
 *   const { rules, missing } = applyRuleEdits(current, [{ op: 'setState', kind: 'dns', ruleId: 'dns-1', state: 'INACTIVE' }]);
 */
import type { TMp1DnsRule, TMp1TrafficRule, TRuleEdit } from '@mecport/contracts';
import type { TInstanceRules } from './instance-rules';

export interface TMissingRule { editIndex: number; kind: 'traffic' | 'dns'; ruleId: string }
export interface TEditedRules {
  rules: TInstanceRules;
  /** Which kinds an edit touched (an untouched kind stays as it is stored, or the AppD's). */
  touched: { traffic: boolean; dns: boolean };
  missing: TMissingRule[];
}

const trafficId = (r: TMp1TrafficRule) => r.trafficRuleId;
const dnsId = (r: TMp1DnsRule) => r.dnsRuleId;

function put<T>(rules: T[], rule: T, id: (r: T) => string): T[] {
  const at = rules.findIndex((r) => id(r) === id(rule));
  return at < 0 ? [...rules, rule] : rules.map((r, i) => (i === at ? rule : r));
}

/** Applies `edit` to one kind's rules; null when the rule it names is not there. */
function editKind<T extends { state: 'ACTIVE' | 'INACTIVE' }>(rules: T[], edit: TRuleEdit, id: (r: T) => string): T[] | null {
  if (edit.op === 'putTraffic' || edit.op === 'putDns') return put(rules, edit.rule as unknown as T, id);
  if (!rules.some((r) => id(r) === edit.ruleId)) return null;
  if (edit.op === 'delete') return rules.filter((r) => id(r) !== edit.ruleId);
  return rules.map((r) => (id(r) === edit.ruleId ? { ...r, state: edit.state } : r));
}

const kindOf = (edit: TRuleEdit): 'traffic' | 'dns' => (edit.op === 'putTraffic' ? 'traffic' : edit.op === 'putDns' ? 'dns' : edit.kind);

export function applyRuleEdits(current: TInstanceRules, edits: TRuleEdit[]): TEditedRules {
  let { trafficRules, dnsRules } = current;
  const touched = { traffic: false, dns: false };
  const missing: TMissingRule[] = [];
  edits.forEach((edit, editIndex) => {
    const kind = kindOf(edit);
    const next = kind === 'traffic' ? editKind(trafficRules, edit, trafficId) : editKind(dnsRules, edit, dnsId);
    if (next === null) {
      missing.push({ editIndex, kind, ruleId: edit.op === 'delete' || edit.op === 'setState' ? edit.ruleId : '' });
      return;
    }
    touched[kind] = true;
    if (kind === 'traffic') trafficRules = next as TMp1TrafficRule[];
    else dnsRules = next as TMp1DnsRule[];
  });
  return { rules: { trafficRules, dnsRules }, touched, missing };
}
