/**
 * A tenant's nodes as an RFC 7946 GeoJSON FeatureCollection of Points, ordered by name. The
 * properties carry the import's fields (group by name), so the file can be imported back as it is.
 *
 * @example
 *   const fc = await exportNodes(db, tenantId, { status: 'online' }, { offlineAfterSec: 30 });
 *   fc.features[0].geometry.coordinates   // [longitude, latitude]
 */
import type { TNodeExportQuery, TNodeFeatureCollection } from '@mecport/contracts';
import type { DbClient, Prisma } from '@mecport/db';
import { parseLabelSelector } from './label-selector';
import { labelsWhere, statusWhere, textWhere } from './node-filters';
import { toEdgeNode } from './node-mappers';

function whereOf(tenantId: string, query: TNodeExportQuery, offlineAfterSec: number): Prisma.EdgeNodeWhereInput {
  const filters: Prisma.EdgeNodeWhereInput[] = [
    ...(query.status ? [statusWhere(query.status, offlineAfterSec)] : []),
    ...(query.groupId ? [{ groupId: query.groupId }] : []),
    ...(query.label ? [labelsWhere(parseLabelSelector(query.label))] : []),
    ...(query.q ? [textWhere(query.q)] : []),
  ];
  return { tenantId, AND: filters };
}

export async function exportNodes(db: DbClient, tenantId: string, query: TNodeExportQuery, options: { offlineAfterSec: number }): Promise<TNodeFeatureCollection> {
  const rows = await db.edgeNode.findMany({ where: whereOf(tenantId, query, options.offlineAfterSec), orderBy: [{ name: 'asc' }, { id: 'asc' }], include: { group: { select: { name: true } } } });
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => {
      const n = toEdgeNode(row, options.offlineAfterSec);
      return {
        type: 'Feature' as const,
        id: n.id,
        geometry: { type: 'Point' as const, coordinates: [n.longitude, n.latitude] as [number, number] },
        properties: {
          id: n.id, name: n.name, latitude: n.latitude, longitude: n.longitude, address: n.address, province: n.province, city: n.city, district: n.district,
          group: n.groupName ?? '', labels: n.labels, capacity: n.capacity, dataPlane: n.dataPlane, runtime: n.runtime, status: n.status,
        },
      };
    }),
  };
}
