import type { TMapNode } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { activeFilterCount, filterNodes, filterOptions, mapFiltersFrom, mapFiltersQuery, NO_FILTERS, parseSelector } from './map-filters';

const APP = '11111111-1111-4111-8111-111111111111';
const GROUP = '22222222-2222-4222-8222-222222222222';
const node = (name: string, patch: Partial<TMapNode> = {}): TMapNode => ({
  id: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`, name, lat: 0, lng: 0, status: 'pending', province: '', city: '', district: '', groupId: null, labels: {}, appIds: [], ...patch,
});
const NODES = [
  node('bj-haidian-01', { status: 'online', province: '北京市', city: '北京', groupId: GROUP, labels: { tier: 'gold', site: 'campus' }, appIds: [APP] }),
  node('sz-nanshan-01', { status: 'offline', province: '广东省', city: '深圳', labels: { tier: 'gold' } }),
  node('gz-tianhe-01', { status: 'online', province: '广东省', city: '广州', labels: { tier: 'silver' } }),
  node('muc-schwabing-01', { province: 'Bayern', city: 'München' }),
];
const names = (f: Partial<typeof NO_FILTERS>) => filterNodes(NODES, { ...NO_FILTERS, ...f }).map((n) => n.name);

describe('map filters', () => {
  it('narrow by each filter, and by all of them together', () => {
    expect(names({})).toHaveLength(4);
    expect(names({ status: 'online' })).toEqual(['bj-haidian-01', 'gz-tianhe-01']);
    expect(names({ province: '广东省' })).toEqual(['sz-nanshan-01', 'gz-tianhe-01']);
    expect(names({ province: '广东省', city: '深圳' })).toEqual(['sz-nanshan-01']);
    expect(names({ groupId: GROUP })).toEqual(['bj-haidian-01']);
    expect(names({ appId: APP })).toEqual(['bj-haidian-01']);
    expect(names({ label: 'tier=gold' })).toEqual(['bj-haidian-01', 'sz-nanshan-01']);
    expect(names({ label: 'tier=gold, site=campus' })).toEqual(['bj-haidian-01']);
    expect(names({ q: 'NANSHAN' })).toEqual(['sz-nanshan-01']);
    expect(names({ status: 'online', label: 'tier=gold', q: 'tianhe' })).toEqual([]);
  });

  it('parse label selectors, refusing what is not key=value', () => {
    expect(parseSelector(' tier=gold ,site=campus')).toEqual({ tier: 'gold', site: 'campus' });
    expect(parseSelector('')).toEqual({});
    expect(parseSelector('tier')).toBeNull();
    expect(parseSelector('Tier=gold')).toBeNull();
    // an invalid selector does not hide every node while it is being typed
    expect(names({ label: 'tier=' })).toEqual([]);
    expect(names({ label: 'tier' })).toHaveLength(4);
  });

  it('round-trip through the URL, dropping unknown statuses', () => {
    const f = { ...NO_FILTERS, q: '深圳', status: 'offline' as const, label: 'tier=gold', province: '广东省' };
    expect(mapFiltersFrom(new URLSearchParams(mapFiltersQuery(f)))).toEqual(f);
    expect(mapFiltersFrom(new URLSearchParams('status=sleeping')).status).toBeNull();
    expect(mapFiltersQuery(NO_FILTERS)).toBe('');
    expect(activeFilterCount(f)).toBe(4);
  });

  it('offer the provinces, the chosen province\'s cities, label pairs and running apps', () => {
    expect(filterOptions(NODES, null).provinces).toEqual(['Bayern', '北京市', '广东省'].sort((a, b) => a.localeCompare(b)));
    expect(filterOptions(NODES, '广东省').cities).toEqual(['广州', '深圳'].sort((a, b) => a.localeCompare(b)));
    expect(filterOptions(NODES, null).labelPairs).toEqual(['site=campus', 'tier=gold', 'tier=silver']);
    expect(filterOptions(NODES, null).appIds).toEqual([APP]);
  });
});
