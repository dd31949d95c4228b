/**
 * The drawn area of the map's polygon tool: which nodes lie inside it (even-odd ray casting on
 * latitude/longitude, fine at the scale of a region; a point on an edge may fall either way), and
 * whether the vertices drawn so far make an area at all.
 *
 * @example
 *   nodesInPolygon(nodes, [{ lat: 22, lng: 113 }, { lat: 23, lng: 113 }, { lat: 23, lng: 115 }])
 */
export interface TLatLng { lat: number; lng: number }

/** Three vertices make the smallest area. */
export const MIN_VERTICES = 3;

export function isClosable(vertices: readonly TLatLng[]): boolean {
  return vertices.length >= MIN_VERTICES;
}

export function pointInPolygon(point: TLatLng, polygon: readonly TLatLng[]): boolean {
  if (polygon.length < MIN_VERTICES) return false;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    const crosses = (a.lat > point.lat) !== (b.lat > point.lat)
      && point.lng < ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng;
    if (crosses) inside = !inside;
  }
  return inside;
}

export function nodesInPolygon<T extends TLatLng>(nodes: readonly T[], polygon: readonly TLatLng[]): T[] {
  return nodes.filter((n) => pointInPolygon(n, polygon));
}

/** The ring to select with: consecutive repeats dropped (a double click adds its point twice before it closes the area). */
export function closedRing(vertices: readonly TLatLng[], epsilon = 1e-9): TLatLng[] {
  const ring: TLatLng[] = [];
  for (const v of vertices) {
    const last = ring.at(-1);
    if (!last || Math.abs(last.lat - v.lat) > epsilon || Math.abs(last.lng - v.lng) > epsilon) ring.push(v);
  }
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length > 1 && first && last && Math.abs(first.lat - last.lat) <= epsilon && Math.abs(first.lng - last.lng) <= epsilon) ring.pop();
  return ring;
}
