/**
 * The map query's wire form (`GET /api/v1/edge/map/nodes`): the map loads every node at once, so
 * each node is one row of fixed columns, and what many nodes share (region, group, label set, app
 * set) is listed once and referred to by index. 10,000 nodes as objects were 2.9 MB (the keys
 * and repeated values alone about two thirds of it); as rows about a third of that, which is
 * less to build, send, gzip and parse on every read.
 *
 * @example
 *   const list = encodeMapNodes(nodes);            // on the server, from TMapNode objects
 *   const again = decodeMapNodes(list);             // in the browser: the same TMapNode objects
 */
import { z } from 'zod';
import { ZLabels, ZNodeStatus, type TMapNode } from './edge-node';

/** The columns of a row, in order. */
export const MAP_NODE_COLUMNS = ['id', 'name', 'lat', 'lng', 'status', 'region', 'group', 'labels', 'apps'] as const;

const ZIndex = z.number().int().min(0);
export const ZMapNodeRow = z
  .tuple([z.string().uuid(), z.string(), z.number(), z.number(), ZNodeStatus, ZIndex, z.number().int().min(-1), ZIndex, ZIndex])
  .describe('[id, name, lat, lng, status, region, group, labels, apps]: lat/lng in degrees to 6 decimals; region, labels and apps index `regions`, `labelSets` and `appSets`; group indexes `groupIds`, -1 for none');
export type TMapNodeRow = z.infer<typeof ZMapNodeRow>;

export const ZMapNodeList = z
  .object({
    total: z.number().int(),
    regions: z.array(z.tuple([z.string(), z.string(), z.string()])).describe('[province, city, district] of the nodes'),
    groupIds: z.array(z.string().uuid()),
    labelSets: z.array(ZLabels),
    appSets: z.array(z.array(z.string().uuid())).describe('Apps with an instance on the node'),
    items: z.array(ZMapNodeRow).describe('One row per node, by name'),
  })
  .superRefine((list, ctx) => {
    const bad = list.items.findIndex(([, , , , , region, group, labels, apps]) =>
      region >= list.regions.length || group >= list.groupIds.length || labels >= list.labelSets.length || apps >= list.appSets.length);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['items', bad], message: 'an index past the end of its table' });
  })
  .meta({ id: 'MapNodeList' });
export type TMapNodeList = z.infer<typeof ZMapNodeList>;

/** Index of a value in a table of distinct values, added when new (keyed by `key`). */
function interner<T>(key: (value: T) => string) {
  const table: T[] = [];
  const index = new Map<string, number>();
  return {
    table,
    of(value: T): number {
      const k = key(value);
      let i = index.get(k);
      if (i === undefined) { i = table.length; table.push(value); index.set(k, i); }
      return i;
    },
  };
}

export function encodeMapNodes(nodes: readonly TMapNode[]): TMapNodeList {
  const regions = interner<[string, string, string]>((r) => JSON.stringify(r));
  const groups = interner<string>((g) => g);
  // a label set's keys in a fixed order, so equal sets share one entry whatever order they came in
  const labelSets = interner<TMapNode['labels']>((l) => JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  const appSets = interner<string[]>((a) => [...a].sort().join(','));
  const items = nodes.map((n): TMapNodeRow => [
    n.id, n.name, n.lat, n.lng, n.status, regions.of([n.province, n.city, n.district]),
    n.groupId === null ? -1 : groups.of(n.groupId), labelSets.of(n.labels), appSets.of(n.appIds),
  ]);
  return { total: nodes.length, regions: regions.table, groupIds: groups.table, labelSets: labelSets.table, appSets: appSets.table, items };
}

export function decodeMapNodes(list: TMapNodeList): TMapNode[] {
  return list.items.map(([id, name, lat, lng, status, region, group, labels, apps]) => {
    const [province, city, district] = list.regions[region]!;
    return { id, name, lat, lng, status, province, city, district, groupId: group < 0 ? null : list.groupIds[group]!, labels: list.labelSets[labels]!, appIds: list.appSets[apps]! };
  });
}
