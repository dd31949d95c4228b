/**
 * The per-node diff of a change: each rule, keyed by instance, kind and id, added, removed or
 * changed (any field, compared as data: key order and absent-versus-undefined do not count).
 */
import type { TDryRunNode } from '@mecport/contracts';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import type { TInstanceRuleSet } from './dry-run-input';

export type TRuleDiffEntry = TDryRunNode['diff'][number];
type TRule = TTrafficRule | TDnsRule;

/** Equal as data: the same values, in any key order, a key set to undefined counting as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameData(x, (b as unknown[])[i]));
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  let defined = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    defined++;
    if (!sameData(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}

interface TKeyed { appInstanceId: string; kind: 'traffic' | 'dns'; ruleId: string; rule: TRule }

/** Every rule of the instances, keyed `instance kind id`, in the instances' order. */
function keyedRules(instances: readonly TInstanceRuleSet[]): Map<string, TKeyed> {
  const rules = new Map<string, TKeyed>();
  for (const { appInstanceId, trafficRules, dnsRules } of instances) {
    for (const rule of trafficRules) rules.set(`${appInstanceId} traffic ${rule.trafficRuleId}`, { appInstanceId, kind: 'traffic', ruleId: rule.trafficRuleId, rule });
    for (const rule of dnsRules) rules.set(`${appInstanceId} dns ${rule.dnsRuleId}`, { appInstanceId, kind: 'dns', ruleId: rule.dnsRuleId, rule });
  }
  return rules;
}

export function ruleDiff(before: readonly TInstanceRuleSet[], after: readonly TInstanceRuleSet[]): TRuleDiffEntry[] {
  const old = keyedRules(before);
  const diff: TRuleDiffEntry[] = [];
  for (const [key, now] of keyedRules(after)) {
    const was = old.get(key);
    old.delete(key);
    const id = { appInstanceId: now.appInstanceId, kind: now.kind, ruleId: now.ruleId };
    if (!was) diff.push({ ...id, change: 'added', after: now.rule });
    else if (!sameData(was.rule, now.rule)) diff.push({ ...id, change: 'changed', before: was.rule, after: now.rule });
  }
  for (const was of old.values()) diff.push({ appInstanceId: was.appInstanceId, kind: was.kind, ruleId: was.ruleId, change: 'removed', before: was.rule });
  return diff;
}
