import { describe, expect, it } from 'vitest';
import { deployHref, nodesInBounds, prunedSelection, toggled, withAll } from './selection-model';

describe('selection model', () => {
  it('toggles, adds all and prunes', () => {
    const s = toggled(toggled(new Set(), 'a'), 'b');
    expect([...s]).toEqual(['a', 'b']);
    expect([...toggled(s, 'a')]).toEqual(['b']);
    expect([...withAll(s, [{ id: 'b' }, { id: 'c' }])]).toEqual(['a', 'b', 'c']);
    expect([...prunedSelection(s, [{ id: 'b' }])]).toEqual(['b']);
  });

  it('links to the deployment form with the nodeIds that page reads', () => {
    expect(deployHref(new Set(['n1', 'n2']))).toBe('/edge-map/deployments/new?nodeIds=n1,n2');
  });

  it('finds the nodes in view, also across the antimeridian', () => {
    const nodes = [{ id: 'sh', lat: 31, lng: 121 }, { id: 'muc', lat: 48, lng: 11 }, { id: 'nz', lat: -41, lng: 174 }, { id: 'hi', lat: 21, lng: -157 }];
    expect(nodesInBounds(nodes, { south: 20, west: 100, north: 50, east: 130 }).map((n) => n.id)).toEqual(['sh']);
    expect(nodesInBounds(nodes, { south: -50, west: 170, north: 30, east: -150 }).map((n) => n.id)).toEqual(['nz', 'hi']);
  });
});
