/**
 * How a node's status looks on the map and in lists: a colour AND a shape AND a text label, so
 * colour is never the only cue (WCAG 1.4.1). Pure, so it is unit-tested; the marker HTML is built
 * here once per status and reused by every marker (10,000 markers share four icons).
 *
 * @example
 *   STATUS_STYLE.offline   // { color: '#c92a2a', shape: 'square', mantineColor: 'red' }
 *   markerHtml('revoked')  // '<svg …><path d="M3 3 L13 13 M13 3 L3 13" …/></svg>'
 */
import { NODE_STATUSES, type TNodeStatus } from '@mecport/contracts';

export type TMarkerShape = 'circle' | 'square' | 'ring' | 'cross';

export interface TStatusStyle { color: string; shape: TMarkerShape; mantineColor: string }

/** Colours from Mantine's palette with at least 3:1 contrast against the light map background. */
export const STATUS_STYLE: Record<TNodeStatus, TStatusStyle> = {
  online: { color: '#2b8a3e', shape: 'circle', mantineColor: 'green' },
  offline: { color: '#c92a2a', shape: 'square', mantineColor: 'red' },
  pending: { color: '#1864ab', shape: 'ring', mantineColor: 'blue' },
  revoked: { color: '#495057', shape: 'cross', mantineColor: 'gray' },
};

/** Legend order: what needs attention first. */
export const LEGEND_ORDER: readonly TNodeStatus[] = ['offline', 'online', 'pending', 'revoked'];

export const MARKER_SIZE = 16;

function shapeSvg(shape: TMarkerShape, color: string): string {
  switch (shape) {
    case 'circle': return `<circle cx="8" cy="8" r="6" fill="${color}" stroke="#fff" stroke-width="2"/>`;
    case 'square': return `<rect x="2" y="2" width="12" height="12" fill="${color}" stroke="#fff" stroke-width="2"/>`;
    case 'ring': return `<circle cx="8" cy="8" r="5.5" fill="#fff" stroke="${color}" stroke-width="3"/>`;
    case 'cross': return `<rect x="1" y="1" width="14" height="14" fill="#fff" opacity="0.8"/><path d="M3 3 L13 13 M13 3 L3 13" stroke="${color}" stroke-width="3" stroke-linecap="round"/>`;
  }
}

/** The marker's inline SVG (decorative: the marker's title and aria label carry the status text). */
export function markerHtml(status: TNodeStatus, selected = false): string {
  const { shape, color } = STATUS_STYLE[status];
  const halo = selected ? '<circle cx="8" cy="8" r="7.5" fill="none" stroke="#f08c00" stroke-width="3"/>' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${MARKER_SIZE}" height="${MARKER_SIZE}" viewBox="0 0 16 16" aria-hidden="true" focusable="false" overflow="visible">${shapeSvg(shape, color)}${halo}</svg>`;
}

/** Status counts of a cluster's nodes, in legend order, for its label and its ring. */
export function statusCounts(statuses: Iterable<TNodeStatus>): Record<TNodeStatus, number> {
  const counts = Object.fromEntries(NODE_STATUSES.map((s) => [s, 0])) as Record<TNodeStatus, number>;
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** A CSS conic-gradient showing the share of each status (the cluster icon's ring). */
export function clusterRing(counts: Record<TNodeStatus, number>): string {
  const total = LEGEND_ORDER.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return STATUS_STYLE.pending.color;
  let at = 0;
  const stops = LEGEND_ORDER.filter((s) => counts[s] > 0).map((s) => {
    const from = (at / total) * 360;
    at += counts[s];
    return `${STATUS_STYLE[s].color} ${from.toFixed(1)}deg ${((at / total) * 360).toFixed(1)}deg`;
  });
  return `conic-gradient(${stops.join(', ')})`;
}
