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

type TKind = TRuleDiffEntry['kind'];

/** One kind of rules of one instance; `removed` collects what went, listed after everything else. */
function diffKind<T extends TRule>(appInstanceId: string, kind: TKind, was: readonly T[], now: readonly T[], idOf: (rule: T) => string, diff: TRuleDiffEntry[], removed: TRuleDiffEntry[]): void {
  // The caller passes an unchanged instance's lists as they were: nothing to compare.
  if (was === now) return;
  const old = new Map(was.map((rule) => [idOf(rule), rule]));
  for (const rule of now) {
    const ruleId = idOf(rule);
    const before = old.get(ruleId);
    old.delete(ruleId);
    if (!before) diff.push({ appInstanceId, kind, ruleId, change: 'added', after: rule });
    else if (!sameData(before, rule)) diff.push({ appInstanceId, kind, ruleId, change: 'changed', before, after: rule });
  }
  for (const [ruleId, before] of old) removed.push({ appInstanceId, kind, ruleId, change: 'removed', before });
}

const NONE: never[] = [];

export function ruleDiff(before: readonly TInstanceRuleSet[], after: readonly TInstanceRuleSet[]): TRuleDiffEntry[] {
  const old = new Map(before.map((i) => [i.appInstanceId, i]));
  const diff: TRuleDiffEntry[] = [];
  const removed: TRuleDiffEntry[] = [];
  const both = (was: TInstanceRuleSet | undefined, now: TInstanceRuleSet | undefined, id: string) => {
    diffKind(id, 'traffic', was?.trafficRules ?? NONE, now?.trafficRules ?? NONE, (r) => r.trafficRuleId, diff, removed);
    diffKind(id, 'dns', was?.dnsRules ?? NONE, now?.dnsRules ?? NONE, (r) => r.dnsRuleId, diff, removed);
  };
  for (const now of after) {
    both(old.get(now.appInstanceId), now, now.appInstanceId);
    old.delete(now.appInstanceId);
  }
  for (const was of old.values()) both(was, undefined, was.appInstanceId);
  return [...diff, ...removed];
}
