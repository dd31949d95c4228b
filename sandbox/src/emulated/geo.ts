/**
 * Great-circle distance on a sphere (haversine), in metres. Scenario coordinates are [lon, lat]
 * (GeoJSON order); MEC 013 reports latitude and longitude separately.
 *
 * @example distanceM([7.4246, 43.7384], [7.4280, 43.7390]) // ~ 280
 */
import type { TLngLat } from '@mecport/contracts/sandbox';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceM(a: Readonly<TLngLat>, b: Readonly<TLngLat>): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
