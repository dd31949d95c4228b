import { NODE_STATUSES } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { clusterRing, LEGEND_ORDER, markerHtml, STATUS_STYLE, statusCounts } from './node-status-style';

describe('status styles', () => {
  it('give every status its own colour and its own shape, so colour is not the only cue', () => {
    expect(new Set(NODE_STATUSES.map((s) => STATUS_STYLE[s].color)).size).toBe(NODE_STATUSES.length);
    expect(new Set(NODE_STATUSES.map((s) => STATUS_STYLE[s].shape)).size).toBe(NODE_STATUSES.length);
    expect([...LEGEND_ORDER].sort()).toEqual([...NODE_STATUSES].sort());
  });

  it('draw the status shape in its colour, with a halo only when selected', () => {
    expect(markerHtml('online')).toContain('<circle');
    expect(markerHtml('offline')).toContain('<rect');
    expect(markerHtml('revoked')).toContain('M3 3 L13 13');
    expect(markerHtml('offline')).toContain(STATUS_STYLE.offline.color);
    expect(markerHtml('online')).not.toContain('#f08c00');
    expect(markerHtml('online', true)).toContain('#f08c00');
  });

  it('count statuses and turn them into a ring with one arc per present status', () => {
    const counts = statusCounts(['online', 'online', 'offline', 'online']);
    expect(counts).toEqual({ pending: 0, online: 3, offline: 1, revoked: 0 });
    expect(clusterRing(counts)).toBe(`conic-gradient(${STATUS_STYLE.offline.color} 0.0deg 90.0deg, ${STATUS_STYLE.online.color} 90.0deg 360.0deg)`);
    expect(clusterRing(statusCounts([]))).toBe(STATUS_STYLE.pending.color);
  });
});
