/**
 * The diff of a node's rule set, per instance and rule: added, removed, changed. It is what a
 * change records (and the audit trail shows); the dry run reports its own view beside it.
 */
import type { TMp1DnsRule, TMp1TrafficRule } from '@mecport/contracts';
import type { TInstanceRuleSet } from './dry-run';

export interface TRuleDiff {
  appInstanceId: string;
  kind: 'traffic' | 'dns';
  ruleId: string;
  change: 'added' | 'removed' | 'changed';
  before?: TMp1TrafficRule | TMp1DnsRule;
  after?: TMp1TrafficRule | TMp1DnsRule;
}

/** Key order does not make two rules differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b))) : v));
}

function diffKind<T extends TMp1TrafficRule | TMp1DnsRule>(appInstanceId: string, kind: 'traffic' | 'dns', before: T[], after: T[], id: (r: T) => string): TRuleDiff[] {
  const old = new Map(before.map((r) => [id(r), r]));
  const out: TRuleDiff[] = [];
  for (const rule of after) {
    const was = old.get(id(rule));
    old.delete(id(rule));
    if (!was) out.push({ appInstanceId, kind, ruleId: id(rule), change: 'added', after: rule });
    else if (canonical(was) !== canonical(rule)) out.push({ appInstanceId, kind, ruleId: id(rule), change: 'changed', before: was, after: rule });
  }
  for (const [ruleId, was] of old) out.push({ appInstanceId, kind, ruleId, change: 'removed', before: was });
  return out;
}

/** Instances only in `after` have all their rules added, only in `before` all removed. */
export function diffRuleSets(before: TInstanceRuleSet[], after: TInstanceRuleSet[]): TRuleDiff[] {
  const empty = (appInstanceId: string): TInstanceRuleSet => ({ appInstanceId, appName: '', trafficRules: [], dnsRules: [] });
  const was = new Map(before.map((i) => [i.appInstanceId, i]));
  const now = new Map(after.map((i) => [i.appInstanceId, i]));
  const ids = [...new Set([...was.keys(), ...now.keys()])];
  return ids.flatMap((id) => {
    const b = was.get(id) ?? empty(id);
    const a = now.get(id) ?? empty(id);
    return [...diffKind(id, 'traffic', b.trafficRules, a.trafficRules, (r) => r.trafficRuleId), ...diffKind(id, 'dns', b.dnsRules, a.dnsRules, (r) => r.dnsRuleId)];
  });
}
