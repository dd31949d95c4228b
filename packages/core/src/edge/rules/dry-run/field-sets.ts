/**
 * One field of a traffic filter as a set of values: sorted, merged ranges plus the values that did
 * not parse (compared as text). An absent field is `undefined`: it matches every value. Two sets
 * intersect when some value is in both; one covers another when it holds every value of it.
 */
import type { TRange } from './value-ranges';

export interface TFieldSet {
  /** Sorted by `lo`, neither overlapping nor touching. */
  ranges: TRange[];
  /** Values that did not parse, as written (trimmed, upper case). */
  opaque: string[];
}

export function fieldSet(values: readonly string[], parse: (text: string) => TRange | null): TFieldSet {
  const ranges: TRange[] = [];
  const opaque: string[] = [];
  for (const value of values) {
    const range = parse(value);
    if (range) ranges.push(range);
    else opaque.push(value.trim().toUpperCase());
  }
  return { ranges: mergeRanges(ranges), opaque };
}

export function mergeRanges(ranges: TRange[]): TRange[] {
  const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const merged: TRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.lo <= last.hi + 1n) last.hi = range.hi > last.hi ? range.hi : last.hi;
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether some value is in both sets; an absent set holds every value. */
export function setsIntersect(a: TFieldSet | undefined, b: TFieldSet | undefined): boolean {
  if (!a || !b) return true;
  if (a.opaque.some((value) => b.opaque.includes(value))) return true;
  // Both lists are sorted and disjoint: a merge walk finds an overlap in linear time.
  let i = 0;
  let j = 0;
  while (i < a.ranges.length && j < b.ranges.length) {
    const x = a.ranges[i]!;
    const y = b.ranges[j]!;
    if (x.lo <= y.hi && y.lo <= x.hi) return true;
    if (x.hi < y.hi) i++;
    else j++;
  }
  return false;
}

/** Whether `outer` holds every value of `inner`; `domain` is what an absent `inner` stands for. */
export function setCovers(outer: TFieldSet | undefined, inner: TFieldSet | undefined, domain: readonly TRange[] | null): boolean {
  if (!outer) return true;
  if (!inner) return domain !== null && rangesCover(outer.ranges, domain);
  return inner.opaque.every((value) => outer.opaque.includes(value)) && rangesCover(outer.ranges, inner.ranges);
}

function rangesCover(outer: readonly TRange[], inner: readonly TRange[]): boolean {
  return inner.every((range) => outer.some((o) => o.lo <= range.lo && range.hi <= o.hi));
}
