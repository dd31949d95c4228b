/**
 * Which rules of a node are worth comparing: those whose destination addresses can meet. A sweep
 * over the rules sorted by the lowest destination address they match finds them in
 * O(n log n + pairs), instead of comparing every rule with every other; a rule with no destination
 * address meets every rule, as it should.
 */
import type { TCompiledRule } from './compiled-rule';
import { ALL_ADDRESSES, type TRange } from './value-ranges';

const EVERY_ADDRESS: TRange = { lo: ALL_ADDRESSES[0]!.lo, hi: ALL_ADDRESSES.at(-1)!.hi };

/** The smallest range holding every destination address the rule can match. */
function destinationBounds(rule: TCompiledRule): TRange {
  let lo: bigint | undefined;
  let hi: bigint | undefined;
  for (const filter of rule.filters) {
    const set = filter.dstAddress;
    // No destination, or one written in a way we could not parse: it may meet anything.
    if (!set || set.opaque.length > 0 || set.ranges.length === 0) return EVERY_ADDRESS;
    const first = set.ranges[0]!.lo;
    const last = set.ranges.at(-1)!.hi;
    if (lo === undefined || first < lo) lo = first;
    if (hi === undefined || last > hi) hi = last;
  }
  return lo === undefined || hi === undefined ? EVERY_ADDRESS : { lo, hi };
}

/** Pairs `[i, j]` (i < j, indexes into `rules`) whose destination bounds overlap. */
export function candidatePairs(rules: readonly TCompiledRule[]): [number, number][] {
  const items = rules.map((rule, index) => ({ index, bounds: destinationBounds(rule) }));
  items.sort((a, b) => (a.bounds.lo < b.bounds.lo ? -1 : a.bounds.lo > b.bounds.lo ? 1 : a.index - b.index));
  const pairs: [number, number][] = [];
  let open: typeof items = [];
  for (const item of items) {
    open = open.filter((o) => o.bounds.hi >= item.bounds.lo);
    for (const o of open) pairs.push(o.index < item.index ? [o.index, item.index] : [item.index, o.index]);
    open.push(item);
  }
  return pairs;
}
