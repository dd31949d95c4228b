/**
 * A hand-built world for the emulated services' unit tests: two zones of a small scenario, UEs
 * the test places and moves itself (emitting the events the real engine would). The conformance
 * tests run the real engine; this one only lets unit tests say exactly what happens when.
 */
import { ZScenario, type TEngineEvent, type TLngLat, type TScenario, type TWorldPoa, type TWorldUe } from '@mecport/contracts/sandbox';
import type { TEngine, TWorldView } from '../../engine/engine';

export const FAKE_SCENARIO: TScenario = ZScenario.parse({
  id: 'unit-world', name: { en: 'Unit world', 'zh-CN': '单元世界' }, description: { en: 'Tests', 'zh-CN': '测试' },
  durationSec: 600, view: { center: [7.42, 43.73], zoom: 15 },
  domains: [{
    id: 'operator-a', name: 'Operator A', type: 'OPERATOR-CELLULAR', mcc: '208', mnc: '93',
    zones: [
      { id: 'zone-1', name: 'Zone 1', pointsOfAccess: [
        { id: 'poa-4g-1', name: '4G 1', type: 'POA-4G', location: [7.42, 43.73], radiusM: 300, cellId: '1000001', netChar: { throughputDlMbps: 50, throughputUlMbps: 20 } },
        { id: 'poa-5g-1', name: '5G 1', type: 'POA-5G', location: [7.425, 43.73], radiusM: 200, cellId: '100000002' },
      ] },
      { id: 'zone-2', name: 'Zone 2', pointsOfAccess: [
        { id: 'poa-wifi-2', name: 'Wi-Fi 2', type: 'POA-WIFI', location: [7.44, 43.73], radiusM: 80, cellId: '2000001' },
        { id: 'poa-4g-2', name: '4G 2', type: 'POA-4G', location: [7.445, 43.73], radiusM: 300, cellId: '2000002' },
      ] },
    ],
  }],
  mecNodes: [{ id: 'mec-1', name: 'MEC 1', location: [7.42, 43.73], zoneIds: ['zone-1'] }],
  ues: [
    { id: 'ue-1', name: 'UE 1', address: 'acr:10.100.0.1', path: [[7.42, 43.73]], speedMps: 0 },
    { id: 'ue-2', name: 'UE 2', address: 'acr:10.100.0.2', path: [[7.445, 43.73]], speedMps: 0 },
    { id: 'ue-3', name: 'UE 3', address: 'acr:10.100.0.3', path: [[7.5, 43.8]], speedMps: 0 },
  ],
});

export interface TFakeEngine extends TEngine {
  /** Moves a UE (and attaches it to `poaId`, null for none), emitting ue-poa-change when its POA changes. */
  place(ueId: string, location: TLngLat, poaId: string | null): void;
  setPoaUp(poaId: string, up: boolean): void;
}

export function createFakeEngine(scenario: TScenario = FAKE_SCENARIO): TFakeEngine {
  const poas = new Map<string, TWorldPoa>();
  const zones = new Map<string, { id: string; domainId: string; name: string; netChar: TWorldPoa['netChar']; mecNodeId: string | null }>();
  for (const d of scenario.domains) {
    for (const z of d.zones) {
      zones.set(z.id, { id: z.id, domainId: d.id, name: z.name, netChar: z.netChar, mecNodeId: scenario.mecNodes.find((n) => n.zoneIds.includes(z.id))?.id ?? null });
      for (const p of z.pointsOfAccess) {
        poas.set(p.id, { id: p.id, zoneId: z.id, type: p.type, location: p.location, radiusM: p.radiusM, cellId: p.cellId, up: true, netChar: { ...z.netChar, ...p.netChar } });
      }
    }
  }
  const ues = new Map<string, TWorldUe>();
  const uesByAddress = new Map<string, TWorldUe>();
  for (const u of scenario.ues) {
    const ue: TWorldUe = { id: u.id, address: u.address, location: u.path[0]!, speedMps: u.speedMps, poaId: null, zoneId: null, mecNodeId: null, moving: false };
    ues.set(ue.id, ue);
    uesByAddress.set(ue.address, ue);
  }
  const view = { timeSec: 0, ues, uesByAddress, poas, zones } satisfies TWorldView;
  const eventListeners = new Set<(e: TEngineEvent) => void>();
  const tickListeners = new Set<(t: number) => void>();
  const log: TEngineEvent[] = [];
  const emit = (e: TEngineEvent) => {
    log.push(e);
    for (const l of eventListeners) l(e);
  };

  return {
    scenario, seed: 1, view,
    snapshot: () => ({ scenarioId: scenario.id, seed: 1, timeSec: view.timeSec, seq: log.length, ues: [...ues.values()], poas: [...poas.values()], zones: [...zones.values()] }),
    advance(toSec) {
      for (let t = Math.floor(view.timeSec) + 1; t <= toSec; t++) {
        view.timeSec = t;
        for (const l of tickListeners) l(t);
      }
      view.timeSec = toSec;
    },
    inject: () => undefined,
    reset: () => undefined,
    onEvent: (l) => (eventListeners.add(l), () => void eventListeners.delete(l)),
    onTick: (l) => (tickListeners.add(l), () => void tickListeners.delete(l)),
    eventLog: (after, limit) => log.filter((e) => e.seq > after).slice(0, limit),
    eventLogSha256: () => '',
    place(ueId, location, poaId) {
      const ue = ues.get(ueId)!;
      ue.location = location;
      if (ue.poaId === poaId) return;
      const fromPoaId = ue.poaId;
      const fromZoneId = ue.zoneId;
      ue.poaId = poaId;
      ue.zoneId = poaId === null ? null : poas.get(poaId)!.zoneId;
      ue.mecNodeId = ue.zoneId === null ? null : zones.get(ue.zoneId)!.mecNodeId;
      emit({ seq: log.length + 1, timeSec: view.timeSec, kind: 'ue-poa-change', ueId, fromPoaId, toPoaId: poaId, fromZoneId, toZoneId: ue.zoneId });
    },
    setPoaUp(poaId, up) {
      poas.get(poaId)!.up = up;
      emit({ seq: log.length + 1, timeSec: view.timeSec, kind: 'poa-state', poaId, up });
    },
  };
}
