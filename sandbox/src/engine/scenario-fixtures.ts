/**
 * Hand-made scenarios for the engine's tests: two POAs on the equator 0.01° apart (about 1,113 m),
 * each in its own zone served by its own MEC node, and one UE driving east from the first; the
 * handover falls where the UE passes the midpoint (about 556 m from the start).
 */
import { ZScenario, type TScenario } from '@mecport/contracts/sandbox';

type TInput = Record<string, unknown>;

export function lineScenario(overrides: { ues?: TInput[]; ueGroups?: TInput[]; events?: TInput[]; radiusM?: number; tickSec?: number; extraPoas?: TInput[] } = {}): TScenario {
  const radiusM = overrides.radiusM ?? 800;
  return ZScenario.parse({
    id: 'line',
    name: { en: 'Line', 'zh-CN': '直线' },
    description: { en: 'Two POAs on a line', 'zh-CN': '一条直线上的两个接入点' },
    durationSec: 300,
    tickSec: overrides.tickSec ?? 1,
    view: { center: [0.005, 0], zoom: 15 },
    domains: [{
      id: 'op', name: 'Operator', type: 'OPERATOR-CELLULAR', mcc: '001', mnc: '01',
      zones: [
        { id: 'zone-a', name: 'A', netChar: { latencyMs: 5 }, pointsOfAccess: [{ id: 'poa-a', name: 'A', type: 'POA-5G', location: [0, 0], radiusM, cellId: '000000001' }, ...(overrides.extraPoas ?? [])] },
        { id: 'zone-b', name: 'B', netChar: { latencyMs: 7 }, pointsOfAccess: [{ id: 'poa-b', name: 'B', type: 'POA-5G', location: [0.01, 0], radiusM, cellId: '000000002', netChar: { throughputDlMbps: 50 } }] },
      ],
    }],
    mecNodes: [{ id: 'node-1', name: 'One', location: [0, 0.001], zoneIds: ['zone-a'] }, { id: 'node-2', name: 'Two', location: [0.01, 0.001], zoneIds: ['zone-b'] }],
    ues: overrides.ues ?? [{ id: 'ue-1', name: 'Driver', address: 'acr:10.0.0.1', path: [[0, 0], [0.02, 0]], speedMps: 10, eopMode: 'STOP' }],
    ueGroups: overrides.ueGroups ?? [],
    events: overrides.events ?? [],
  });
}

/** The great-circle distance (haversine, mean Earth radius): an independent check of the engine's geometry. */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}
