import { describe, expect, it } from 'vitest';
import type { TMapNode } from './edge-node';
import { decodeMapNodes, encodeMapNodes, ZMapNodeList } from './map-node-wire';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const node = (n: number, patch: Partial<TMapNode> = {}): TMapNode => ({
  id: uuid(n), name: `node-${n}`, lat: 22.54 + n / 1000, lng: 114.06, status: 'online', province: '广东省', city: '深圳', district: '南山区',
  groupId: uuid(100), labels: { tier: 'gold', site: 'campus' }, appIds: [], ...patch,
});

describe('map node wire form', () => {
  const nodes = [
    node(1),
    node(2, { labels: { site: 'campus', tier: 'gold' }, appIds: [uuid(201), uuid(200)] }),
    node(3, { status: 'pending', city: '广州', district: '', groupId: null, labels: {}, appIds: [uuid(200), uuid(201)] }),
    node(4, { province: 'Bayern', city: 'München', district: '', groupId: uuid(101), status: 'revoked' }),
  ];

  it('decodes to the same nodes, in order, and passes its own contract', () => {
    const list = ZMapNodeList.parse(encodeMapNodes(nodes));
    expect(list.total).toBe(4);
    expect(decodeMapNodes(list)).toEqual(nodes.map((n, i) => (i === 2 ? { ...n, appIds: [uuid(201), uuid(200)] } : n)));
  });

  it('lists shared values once: equal label sets in any key order, app sets in any order', () => {
    const list = encodeMapNodes(nodes);
    expect(list.regions).toEqual([['广东省', '深圳', '南山区'], ['广东省', '广州', ''], ['Bayern', 'München', '']]);
    expect(list.groupIds).toEqual([uuid(100), uuid(101)]);
    expect(list.labelSets).toEqual([{ tier: 'gold', site: 'campus' }, {}]);
    expect(list.appSets).toEqual([[], [uuid(201), uuid(200)]]);
    expect(list.items.map((r) => r.slice(4))).toEqual([['online', 0, 0, 0, 0], ['online', 0, 0, 0, 1], ['pending', 1, -1, 1, 1], ['revoked', 2, 1, 0, 0]]);
  });

  it('is under half the size of the nodes as objects once many nodes share their values', () => {
    const many = Array.from({ length: 300 }, (_, i) => node(i, { district: `D${i % 12}`, appIds: i % 10 === 0 ? [uuid(200)] : [] }));
    expect(JSON.stringify(encodeMapNodes(many)).length).toBeLessThan(JSON.stringify(many).length / 2);
  });

  it('refuses a row that points past the end of a table', () => {
    const list = encodeMapNodes(nodes);
    list.items[1]![7] = 5;
    const result = ZMapNodeList.safeParse(list);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['items', 1]);
  });

  it('encodes no nodes as empty tables', () => {
    expect(encodeMapNodes([])).toEqual({ total: 0, regions: [], groupIds: [], labelSets: [], appSets: [], items: [] });
  });
});
