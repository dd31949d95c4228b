/**
 * How the sandbox map draws its things: one colour per zone (POA coverage circles take their
 * zone's colour; a POA that is down is grey and dashed), UEs as small dots coloured by the zone
 * serving them (grey when out of range). Pure.
 *
 * @example poaStyle(true, zoneColor(1))  // { color: '#2f9e44', fillOpacity: 0.12, ... }
 */
import type { PathOptions } from 'leaflet';

// Dark enough for text on white and for a thin outline on the basemap.
const PALETTE = ['#1c7ed6', '#2f9e44', '#c2255c', '#e8590c', '#7048e8', '#0c8599', '#9c36b5', '#5c940d', '#d6336c', '#1864ab'];
export const OUT_OF_RANGE = '#868e96';
const DOWN = '#868e96';

export function zoneColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** Zone id -> colour, in the order the snapshot lists the zones (stable for one scenario). */
export function zoneColors(zoneIds: readonly string[]): Map<string, string> {
  return new Map(zoneIds.map((id, i) => [id, zoneColor(i)]));
}

export function poaStyle(up: boolean, color: string): PathOptions {
  return up
    ? { color, weight: 1.5, fillColor: color, fillOpacity: 0.12 }
    : { color: DOWN, weight: 1.5, dashArray: '4 4', fillColor: DOWN, fillOpacity: 0.06 };
}

export function ueColor(zoneId: string | null, colors: Map<string, string>): string {
  return (zoneId && colors.get(zoneId)) || OUT_OF_RANGE;
}
