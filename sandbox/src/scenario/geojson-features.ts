/**
 * The features of a scenario's GeoJSON file, by id (the feature's `id`, else `properties.id`).
 * Only the geometries a scenario uses are read: Point, LineString, Polygon (outer ring).
 */
import { z } from 'zod';
import { ZLngLat } from '@mecport/contracts/sandbox';

const ZGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: ZLngLat }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(ZLngLat).min(2) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(ZLngLat).min(4)).min(1) }),
]);
export type TGeometry = z.infer<typeof ZGeometry>;

const ZFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.looseObject({ id: z.string().optional() }).nullable().default(null),
  geometry: ZGeometry,
});

export const ZFeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(ZFeature) });

export type TFeatureIndex = ReadonlyMap<string, TGeometry>;

/** Indexes a parsed FeatureCollection; a feature without an id, or a repeated id, is an error naming its index. */
export function indexFeatures(collection: z.infer<typeof ZFeatureCollection>): { index: TFeatureIndex; errors: { field: string; message: string }[] } {
  const index = new Map<string, TGeometry>();
  const errors: { field: string; message: string }[] = [];
  collection.features.forEach((feature, i) => {
    const id = feature.id === undefined ? feature.properties?.id : String(feature.id);
    if (id === undefined) errors.push({ field: `features[${i}]`, message: 'a feature needs an id (or properties.id)' });
    else if (index.has(id)) errors.push({ field: `features[${i}].id`, message: `feature "${id}" appears twice` });
    else index.set(id, feature.geometry);
  });
  return { index, errors };
}

