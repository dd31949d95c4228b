/**
 * A traffic rule ready to compare with others: each filter's fields parsed once into value sets
 * (MEC 011: the filters of a rule are alternatives; the fields of a filter must all match; the
 * values of a field are alternatives).
 */
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { fieldSet, setCovers, setsIntersect, type TFieldSet } from './field-sets';
import { addressRange, ALL_ADDRESSES, ALL_PORTS, ALL_PROTOCOLS, portRange, protocolRange, type TRange } from './value-ranges';

type TTrafficFilter = TTrafficRule['trafficFilter'][number];
type TListField = 'srcAddress' | 'dstAddress' | 'srcPort' | 'dstPort' | 'protocol' | 'token' | 'srcTunnelAddress' | 'tgtTunnelAddress' | 'srcTunnelPort' | 'dstTunnelPort';
type TNumberField = 'qCI' | 'dSCP' | 'tC';

/** How each field parses, and the values an absent field stands for (null: too many to cover, e.g. tokens). */
const LIST_FIELDS: Record<TListField, { parse: (text: string) => TRange | null; domain: readonly TRange[] | null }> = {
  srcAddress: { parse: addressRange, domain: ALL_ADDRESSES },
  dstAddress: { parse: addressRange, domain: ALL_ADDRESSES },
  srcPort: { parse: portRange, domain: ALL_PORTS },
  dstPort: { parse: portRange, domain: ALL_PORTS },
  protocol: { parse: protocolRange, domain: ALL_PROTOCOLS },
  token: { parse: () => null, domain: null },
  srcTunnelAddress: { parse: addressRange, domain: ALL_ADDRESSES },
  tgtTunnelAddress: { parse: addressRange, domain: ALL_ADDRESSES },
  srcTunnelPort: { parse: portRange, domain: ALL_PORTS },
  dstTunnelPort: { parse: portRange, domain: ALL_PORTS },
};
const NUMBER_FIELDS: Record<TNumberField, readonly TRange[]> = {
  qCI: [{ lo: 0n, hi: 255n }],
  dSCP: [{ lo: 0n, hi: 63n }],
  tC: [{ lo: 0n, hi: 255n }],
};
const FIELDS = [...Object.keys(LIST_FIELDS), ...Object.keys(NUMBER_FIELDS)] as (TListField | TNumberField)[];
const DOMAINS: Record<string, readonly TRange[] | null> = {
  ...Object.fromEntries(Object.entries(LIST_FIELDS).map(([name, field]) => [name, field.domain])),
  ...NUMBER_FIELDS,
};

/** The fields a filter constrains; a field left out matches everything. */
export type TCompiledFilter = Partial<Record<TListField | TNumberField, TFieldSet>>;

/**
 * Compiled filters by their JSON: one app's rules repeat on every node of a fleet, so most filters
 * were compiled before. Compiled filters are never changed, so they are shared. Bounded: cleared when full.
 */
const compiledFilters = new Map<string, TCompiledFilter>();
const MAX_COMPILED = 50_000;

export function compileFilter(filter: TTrafficFilter): TCompiledFilter {
  const key = JSON.stringify(filter);
  let compiled = compiledFilters.get(key);
  if (!compiled) {
    if (compiledFilters.size >= MAX_COMPILED) compiledFilters.clear();
    compiled = compileFresh(filter);
    compiledFilters.set(key, compiled);
  }
  return compiled;
}

function compileFresh(filter: TTrafficFilter): TCompiledFilter {
  const compiled: TCompiledFilter = {};
  for (const [name, field] of Object.entries(LIST_FIELDS) as [TListField, (typeof LIST_FIELDS)[TListField]][]) {
    const values = filter[name];
    // An empty list constrains nothing, as an absent one.
    if (values && values.length > 0) compiled[name] = fieldSet(values, field.parse);
  }
  for (const name of Object.keys(NUMBER_FIELDS) as TNumberField[]) {
    const value = filter[name];
    if (value !== undefined) compiled[name] = { ranges: [{ lo: BigInt(value), hi: BigInt(value) }], opaque: [] };
  }
  return compiled;
}

/** Whether one packet can match both filters. */
export function filtersIntersect(a: TCompiledFilter, b: TCompiledFilter): boolean {
  return FIELDS.every((name) => setsIntersect(a[name], b[name]));
}

/** Whether every packet `inner` matches, `outer` matches too. */
export function filterCovers(outer: TCompiledFilter, inner: TCompiledFilter): boolean {
  return FIELDS.every((name) => setCovers(outer[name], inner[name], DOMAINS[name]!));
}

export interface TCompiledRule {
  appInstanceId: string;
  appName: string;
  rule: TTrafficRule;
  filters: TCompiledFilter[];
}

/** A rule without filters (MEC 011 requires one; an AppD may still lack it) is taken to match everything. */
export function compileRule(appInstanceId: string, appName: string, rule: TTrafficRule): TCompiledRule {
  const filters = rule.trafficFilter.length > 0 ? rule.trafficFilter.map(compileFilter) : [{}];
  return { appInstanceId, appName, rule, filters };
}

/** Whether one packet can match both rules (some filter of each). */
export function rulesIntersect(a: TCompiledRule, b: TCompiledRule): boolean {
  return a.filters.some((x) => b.filters.some((y) => filtersIntersect(x, y)));
}
