/** A one-zone scenario with two UEs and a group of three, for the host's tests. */
import { ZScenario, type TScenario } from '@mecport/contracts/sandbox';

export const TINY_SCENARIO: TScenario = ZScenario.parse({
  id: 'host-tiny',
  name: { en: 'Tiny', 'zh-CN': '小' },
  description: { en: 'Host tests', 'zh-CN': '测试' },
  durationSec: 60,
  view: { center: [2.35, 48.85], zoom: 15 },
  domains: [{
    id: 'op', name: 'Operator', type: 'OPERATOR-CELLULAR', mcc: '001', mnc: '01',
    zones: [{ id: 'z1', name: 'Zone 1', netChar: { latencyMs: 5 }, pointsOfAccess: [{ id: 'p1', name: 'POA 1', type: 'POA-5G', location: [2.35, 48.85], radiusM: 500, cellId: '0000001' }] }],
  }],
  mecNodes: [{ id: 'mec1', name: 'MEC 1', location: [2.35, 48.85], zoneIds: ['z1'] }],
  ues: [
    { id: 'ue1', name: 'UE 1', address: 'acr:10.100.0.1', path: [[2.35, 48.85], [2.351, 48.85]], speedMps: 1 },
    { id: 'ue2', name: 'UE 2', address: 'acr:10.100.0.2', path: [[2.35, 48.85]], speedMps: 0 },
  ],
  ueGroups: [{ idPrefix: 'g', count: 3, firstAddress: 'acr:10.100.0.254', paths: [[[2.35, 48.85], [2.351, 48.85]]], speedMps: [1, 2] }],
});
