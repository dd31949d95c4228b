/**
 * The map's node selection for a deployment: toggle one node, add every filtered node or every
 * node in view, and the link to the new-deployment form (`?nodeIds=a,b`, the name that page reads).
 * A link carries at most MAX_LINK_NODES ids (about 11 KB of URL); beyond that the operator is
 * pointed to a group or label-selector target instead. Pure, so it is unit-tested.
 *
 * @example
 *   deployHref(['a…', 'b…'])   // '/edge-map/deployments/new?nodeIds=a…,b…'
 */
import type { TMapNode } from '@mecport/contracts';

export const MAX_LINK_NODES = 300;

export function deployHref(nodeIds: Iterable<string>): string {
  return `/edge-map/deployments/new?nodeIds=${[...nodeIds].join(',')}`;
}

export function toggled(selection: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function withAll(selection: ReadonlySet<string>, nodes: readonly Pick<TMapNode, 'id'>[]): Set<string> {
  const next = new Set(selection);
  for (const n of nodes) next.add(n.id);
  return next;
}

export interface TBounds { south: number; west: number; north: number; east: number }

/** Nodes inside a map view; a view across the antimeridian has west > east. */
export function nodesInBounds<T extends Pick<TMapNode, 'lat' | 'lng'>>(nodes: readonly T[], b: TBounds): T[] {
  const inLng = b.west <= b.east ? (lng: number) => lng >= b.west && lng <= b.east : (lng: number) => lng >= b.west || lng <= b.east;
  return nodes.filter((n) => n.lat >= b.south && n.lat <= b.north && inLng(n.lng));
}

/** Keeps only ids still present (after a reload some nodes may be gone). */
export function prunedSelection(selection: ReadonlySet<string>, nodes: readonly Pick<TMapNode, 'id'>[]): Set<string> {
  const present = new Set(nodes.map((n) => n.id));
  return new Set([...selection].filter((id) => present.has(id)));
}
