/**
 * Which POA serves a UE: the nearest one that is up and has the UE inside its coverage circle;
 * equal distances go to the lower id (the list is sorted by id and only a strictly nearer POA
 * replaces the best so far). A plain scan: tens of POAs times 1,000 UEs is well under a
 * millisecond a tick.
 */
import type CheapRuler from 'cheap-ruler';
import type { TLngLat, TWorldPoa } from '@mecport/contracts/sandbox';

export function servingPoa(ruler: CheapRuler, poasById: readonly TWorldPoa[], at: TLngLat): TWorldPoa | null {
  let best: TWorldPoa | null = null;
  let bestM = Infinity;
  for (const poa of poasById) {
    if (!poa.up) continue;
    const m = ruler.distance(at, poa.location);
    if (m <= poa.radiusM && m < bestM) {
      best = poa;
      bestM = m;
    }
  }
  return best;
}
