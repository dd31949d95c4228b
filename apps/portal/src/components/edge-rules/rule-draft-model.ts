/**
 * The configurator's draft: the rules the target's instances have now (read from their nodes) and
 * the operator's edits on top (ZRuleEdit, the change request's `edits`), shown as one list where
 * each rule says whether it is unchanged, added, changed, switched off or on, or deleted. One edit
 * per rule: a later edit of a rule replaces the earlier one; deleting a rule that only the draft
 * added forgets it.
 *
 * @example
 *   const edits = withEdit([], { op: 'putDns', rule });
 *   ruleRows(baseRules(nodeRules, appInstanceIds), edits) // [{ kind: 'dns', ruleId: rule.dnsRuleId, change: 'added', ... }]
 */
import type { TMp1DnsRule as TDnsRule, TNodeRules, TRuleEdit, TMp1TrafficRule as TTrafficRule } from '@mecport/contracts';

export type TRuleKind = 'traffic' | 'dns';
export type TAnyRule = TTrafficRule | TDnsRule;
export interface TBaseRules { traffic: Map<string, TTrafficRule>; dns: Map<string, TDnsRule> }
export type TRowChange = 'unchanged' | 'added' | 'changed' | 'disabled' | 'enabled' | 'deleted';
export interface TRuleRow { kind: TRuleKind; ruleId: string; rule: TAnyRule; change: TRowChange; /** The rule as the target's nodes have it. */ before: TAnyRule | null }

export const ruleIdOf = (rule: TAnyRule): string => ('trafficRuleId' in rule ? rule.trafficRuleId : rule.dnsRuleId);
const editKey = (e: TRuleEdit): string => (e.op === 'putTraffic' ? `traffic:${e.rule.trafficRuleId}` : e.op === 'putDns' ? `dns:${e.rule.dnsRuleId}` : `${e.kind}:${e.ruleId}`);

/** The rules of the given instances on the read nodes, one per id (the first node's wins: the same app's rules usually agree). */
export function baseRules(nodes: readonly TNodeRules[], appInstanceIds: ReadonlySet<string> | null): TBaseRules {
  const base: TBaseRules = { traffic: new Map(), dns: new Map() };
  for (const node of nodes) {
    for (const inst of node.instances) {
      if (appInstanceIds && !appInstanceIds.has(inst.appInstanceId)) continue;
      for (const r of inst.trafficRules) if (!base.traffic.has(r.trafficRuleId)) base.traffic.set(r.trafficRuleId, r);
      for (const r of inst.dnsRules) if (!base.dns.has(r.dnsRuleId)) base.dns.set(r.dnsRuleId, r);
    }
  }
  return base;
}

const inBase = (base: TBaseRules, kind: TRuleKind, id: string): TAnyRule | undefined => (kind === 'traffic' ? base.traffic.get(id) : base.dns.get(id));

/** The edits with `edit` in place of any earlier edit of the same rule. */
export function withEdit(edits: readonly TRuleEdit[], edit: TRuleEdit): TRuleEdit[] {
  const key = editKey(edit);
  return [...edits.filter((e) => editKey(e) !== key), edit];
}

/** Forgets the draft's edit of one rule (undo). */
export function withoutEdit(edits: readonly TRuleEdit[], kind: TRuleKind, ruleId: string): TRuleEdit[] {
  return edits.filter((e) => editKey(e) !== `${kind}:${ruleId}`);
}

/** Deleting a rule only the draft added forgets it; deleting a node's rule becomes a delete edit. */
export function withDelete(edits: readonly TRuleEdit[], base: TBaseRules, kind: TRuleKind, ruleId: string): TRuleEdit[] {
  return inBase(base, kind, ruleId) ? withEdit(edits, { op: 'delete', kind, ruleId }) : withoutEdit(edits, kind, ruleId);
}

/** Switching state: a rule the draft puts keeps its put (with the new state); a node's rule gets a setState edit, or none when back to what the node has. */
export function withState(edits: readonly TRuleEdit[], base: TBaseRules, kind: TRuleKind, ruleId: string, state: 'ACTIVE' | 'INACTIVE'): TRuleEdit[] {
  const put = edits.find((e) => editKey(e) === `${kind}:${ruleId}` && (e.op === 'putTraffic' || e.op === 'putDns'));
  if (put?.op === 'putTraffic') return withEdit(edits, { op: 'putTraffic', rule: { ...put.rule, state } });
  if (put?.op === 'putDns') return withEdit(edits, { op: 'putDns', rule: { ...put.rule, state } });
  const before = inBase(base, kind, ruleId);
  if (before?.state === state) return withoutEdit(edits, kind, ruleId);
  return withEdit(edits, { op: 'setState', kind, ruleId, state });
}

function rowFor(base: TBaseRules, edit: TRuleEdit | undefined, kind: TRuleKind, id: string): TRuleRow | null {
  const before = inBase(base, kind, id) ?? null;
  if (!edit) return before ? { kind, ruleId: id, rule: before, change: 'unchanged', before } : null;
  if (edit.op === 'delete') return before ? { kind, ruleId: id, rule: before, change: 'deleted', before } : null;
  if (edit.op === 'setState') return before ? { kind, ruleId: id, rule: { ...before, state: edit.state }, change: edit.state === 'INACTIVE' ? 'disabled' : 'enabled', before } : null;
  const rule = edit.rule;
  if (!before) return { kind, ruleId: id, rule, change: 'added', before };
  const same = JSON.stringify(before) === JSON.stringify(rule);
  const onlyState = JSON.stringify({ ...before, state: rule.state }) === JSON.stringify(rule);
  return { kind, ruleId: id, rule, change: same ? 'unchanged' : onlyState ? (rule.state === 'INACTIVE' ? 'disabled' : 'enabled') : 'changed', before };
}

/** Traffic rules by priority (0 first), then DNS rules by name; each with what the draft does to it. */
export function ruleRows(base: TBaseRules, edits: readonly TRuleEdit[]): TRuleRow[] {
  const byKey = new Map(edits.map((e) => [editKey(e), e]));
  const ids = (kind: TRuleKind, known: Iterable<string>) => new Set([...known, ...[...byKey.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1))]);
  const rows: TRuleRow[] = [];
  for (const kind of ['traffic', 'dns'] as const) {
    for (const id of ids(kind, kind === 'traffic' ? base.traffic.keys() : base.dns.keys())) {
      const row = rowFor(base, byKey.get(`${kind}:${id}`), kind, id);
      if (row) rows.push(row);
    }
  }
  const order = (r: TRuleRow) => ('priority' in r.rule ? r.rule.priority : 256);
  return rows.sort((a, b) => (a.kind === b.kind ? (a.kind === 'traffic' ? order(a) - order(b) || a.ruleId.localeCompare(b.ruleId) : (a.rule as TDnsRule).domainName.localeCompare((b.rule as TDnsRule).domainName)) : a.kind === 'traffic' ? -1 : 1));
}

/** Whether a new rule's id is free (an edit of an existing rule keeps its id). */
export function isIdTaken(base: TBaseRules, edits: readonly TRuleEdit[], kind: TRuleKind, id: string): boolean {
  return !!inBase(base, kind, id) || edits.some((e) => editKey(e) === `${kind}:${id}`);
}
