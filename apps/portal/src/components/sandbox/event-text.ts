/**
 * One engine event as a sentence key and its values, for the event log in either language.
 * Pure: the page passes the values to its translator.
 *
 * @example eventText({ kind: 'poa-state', poaId: 'poa-1', up: false, seq: 3, timeSec: 30 })
 *   // { key: 'poaDown', values: { poa: 'poa-1' } }
 */
import type { TEngineEvent } from '@mecport/contracts/sandbox';

export type TEventKey = 'zoneChange' | 'zoneEntered' | 'zoneLeft' | 'poaChange' | 'poaUp' | 'poaDown' | 'netChar' | 'teleported' | 'speed';
export interface TEventText { key: TEventKey; values: Record<string, string | number> }

const none = (id: string | null) => id ?? '–';

export function eventText(e: TEngineEvent): TEventText {
  switch (e.kind) {
    case 'ue-poa-change':
      if (e.fromZoneId !== e.toZoneId) {
        if (!e.toZoneId) return { key: 'zoneLeft', values: { ue: e.ueId, from: none(e.fromZoneId) } };
        if (!e.fromZoneId) return { key: 'zoneEntered', values: { ue: e.ueId, to: e.toZoneId } };
        return { key: 'zoneChange', values: { ue: e.ueId, from: e.fromZoneId, to: e.toZoneId } };
      }
      return { key: 'poaChange', values: { ue: e.ueId, from: none(e.fromPoaId), to: none(e.toPoaId) } };
    case 'poa-state':
      return { key: e.up ? 'poaUp' : 'poaDown', values: { poa: e.poaId } };
    case 'net-char':
      return { key: 'netChar', values: { target: e.target, latency: e.netChar.latencyMs, dl: e.netChar.throughputDlMbps, loss: e.netChar.packetLossPct } };
    case 'ue-teleported':
      return { key: 'teleported', values: { ue: e.ueId, lon: e.location[0].toFixed(5), lat: e.location[1].toFixed(5) } };
    case 'ue-speed':
      return { key: 'speed', values: { ue: e.ueId, speed: e.speedMps } };
  }
}
