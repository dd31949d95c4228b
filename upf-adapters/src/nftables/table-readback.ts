/**
 * Reads an instance's tables back (`nft -j -n list table ...`, pure: no I/O): which nft rules are
 * there, and the MEC 011 rules they stand for. The comment on each nft rule carries what the
 * packet matches cannot: the MEC rule id, priority, filter index, filterType and action.
 *
 * What comes back is what the kernel holds, which nft normalises: set elements merged (`80, 81`
 * -> `80-81`, `10.1.2.3` inside `10.1.0.0/16` dropped), host bits of a CIDR cleared, ports with
 * no protocol shown as TCP, UDP and SCTP. Compare rules by id, state, action and priority; a
 * filter can differ in form and still match the same packets.
 */
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { PROTOCOL_NUMBERS, type TChain } from './rule-plan';
import type { TFamily } from './table-names';

/** One nft rule as read back; `target` is the address of its `dnat to` or `dup to`. */
export interface TReadRule {
  family: TFamily;
  chain: TChain;
  comment: string;
  verdict: 'accept' | 'drop' | 'dnat' | 'dup' | 'none';
  target: string | undefined;
  filter: TTrafficRule['trafficFilter'][number];
  /** Expressions MECport does not write: someone else changed the table. */
  foreign: number;
}

type TJson = Record<string, unknown>;
const PORT_HEADERS = new Set(['th', 'tcp', 'udp', 'sctp']);
const PROTOCOL_NAMES = new Map(Object.entries(PROTOCOL_NUMBERS).map(([name, n]) => [n, name]));

/** The MECport rules in the output of `nft -j -n list table <family> <name>`. */
export function readRules(json: string): TReadRule[] {
  const items = (JSON.parse(json) as { nftables?: TJson[] }).nftables ?? [];
  return items.flatMap((item) => {
    const rule = item.rule as TJson | undefined;
    if (!rule || typeof rule.comment !== 'string' || !isChain(rule.chain)) return [];
    return [readRule(rule.family as TFamily, rule.chain, rule.comment, (rule.expr as TJson[] | undefined) ?? [])];
  });
}

function isChain(chain: unknown): chain is TChain {
  return chain === 'filter' || chain === 'steer' || chain === 'inactive';
}

function readRule(family: TFamily, chain: TChain, comment: string, expr: TJson[]): TReadRule {
  const read: TReadRule = { family, chain, comment, verdict: 'none', target: undefined, filter: {}, foreign: 0 };
  for (const e of expr) {
    if ('accept' in e) read.verdict = read.verdict === 'dup' ? 'dup' : 'accept';
    else if ('drop' in e) read.verdict = 'drop';
    else if ('dnat' in e || 'dup' in e) {
      read.verdict = 'dnat' in e ? 'dnat' : 'dup';
      const addr = ((e.dnat ?? e.dup) as TJson).addr;
      read.target = typeof addr === 'string' ? addr : undefined;
    } else if ('match' in e) {
      if (!readMatch(read.filter, e.match as TJson)) read.foreign += 1;
    } else read.foreign += 1;
  }
  return read;
}

/** Adds one `match` expression to `filter`; false when it is not one MECport writes. */
function readMatch(filter: TReadRule['filter'], match: TJson): boolean {
  const left = match.left as TJson;
  const values = elements(match.right);
  const payload = left.payload as { protocol?: string; field?: string } | undefined;
  const meta = (left.meta as { key?: string } | undefined)?.key;
  if (match.op !== '==') return false;
  if (meta === 'l4proto') filter.protocol = values.map((v) => PROTOCOL_NAMES.get(Number(v)) ?? String(v));
  else if (payload && PORT_HEADERS.has(payload.protocol ?? '') && (payload.field === 'sport' || payload.field === 'dport')) {
    filter[payload.field === 'sport' ? 'srcPort' : 'dstPort'] = values;
    // nft folds `meta l4proto 6 th dport 80` into `tcp dport 80`: the protocol is in the header's name.
    if (payload.protocol !== 'th') filter.protocol = [payload.protocol!.toUpperCase()];
  }
  else if ((payload?.protocol === 'ip' || payload?.protocol === 'ip6') && (payload.field === 'saddr' || payload.field === 'daddr')) filter[payload.field === 'saddr' ? 'srcAddress' : 'dstAddress'] = values;
  else if (payload?.protocol === 'ip' && payload.field === 'dscp' && values.length === 1) filter.dSCP = Number(values[0]);
  else return false;
  return true;
}

/** A match's right side as MEC strings: `10.0.0.0/24`, `8000-8080`, `6`. */
function elements(right: unknown): string[] {
  if (Array.isArray(right)) return right.flatMap(elements);
  if (right && typeof right === 'object') {
    const r = right as TJson;
    if ('set' in r) return elements(r.set);
    if ('prefix' in r) { const p = r.prefix as { addr: string; len: number }; return [`${p.addr}/${p.len}`]; }
    if ('range' in r) { const [low, high] = r.range as [unknown, unknown]; return [`${String(low)}-${String(high)}`]; }
    return [];
  }
  return right === undefined || right === null ? [] : [String(right as string | number)];
}

/** The MEC 011 rules the read-back nft rules stand for, in priority order. */
export function toTrafficRules(read: readonly TReadRule[]): TTrafficRule[] {
  const rules = new Map<string, { rule: TTrafficRule; filters: Map<number, TTrafficRule['trafficFilter'][number]> }>();
  for (const r of read) {
    const [id, priority, index, filterType, action] = r.comment.split('|');
    if (!id || action === undefined) continue;
    let entry = rules.get(id);
    if (!entry) {
      entry = { rule: { trafficRuleId: id, priority: Number(priority), filterType: filterType as TTrafficRule['filterType'], action: action as TTrafficRule['action'], trafficFilter: [], state: 'ACTIVE' }, filters: new Map() };
      rules.set(id, entry);
    }
    if (r.chain === 'inactive') entry.rule.state = 'INACTIVE';
    if (r.target) entry.rule.dstInterface = { interfaceType: 'IP', dstIpAddress: r.target };
    const filter = entry.filters.get(Number(index)) ?? {};
    entry.filters.set(Number(index), mergeFilters(filter, r.filter));
  }
  return [...rules.values()].map(({ rule, filters }) => ({ ...rule, trafficFilter: [...filters.entries()].sort(([a], [b]) => a - b).map(([, f]) => f) }))
    .sort((a, b) => a.priority - b.priority || (a.trafficRuleId < b.trafficRuleId ? -1 : 1));
}

/** One MEC filter from its IPv4 and IPv6 nft rules (and its filter and steer chain copies). */
function mergeFilters(a: TTrafficRule['trafficFilter'][number], b: TTrafficRule['trafficFilter'][number]): TTrafficRule['trafficFilter'][number] {
  const merged = { ...a };
  for (const key of ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol'] as const) {
    if (b[key]) merged[key] = [...new Set([...(a[key] ?? []), ...b[key]])];
  }
  if (b.dSCP !== undefined) merged.dSCP = b.dSCP;
  return merged;
}
