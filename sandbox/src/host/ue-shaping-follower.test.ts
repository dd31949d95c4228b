import { describe, expect, it } from 'vitest';
import { ZNetChar, type TWorldSnapshot } from '@mecport/contracts/sandbox';
import { OUT_OF_RANGE, desiredShaping } from './ue-shaping-follower';

const fast = ZNetChar.parse({ latencyMs: 2 });
const slow = ZNetChar.parse({ latencyMs: 40, throughputDlMbps: 5 });
const poa = (id: string, netChar = fast, up = true) => ({ id, zoneId: 'z', type: 'POA-5G' as const, location: [0, 0] as [number, number], radiusM: 100, cellId: '0000001', up, netChar });
const ue = (address: string, poaId: string | null) => ({ id: address, address, location: [0, 0] as [number, number], speedMps: 0, poaId, zoneId: poaId && 'z', mecNodeId: null, moving: false });

describe('desiredShaping', () => {
  it('gives each UE its serving POA\'s characteristics, and out-of-range or down-POA UEs nothing', () => {
    const world: TWorldSnapshot = {
      scenarioId: 's', seed: 1, timeSec: 0, seq: 0, zones: [],
      poas: [poa('p1'), poa('p2', slow), poa('p3', fast, false)],
      ues: [ue('acr:10.0.0.1', 'p1'), ue('acr:10.0.0.2', 'p2'), ue('acr:10.0.0.3', null), ue('acr:10.0.0.4', 'p3')],
    };
    expect(Object.fromEntries(desiredShaping(world))).toEqual({
      'acr:10.0.0.1': fast, 'acr:10.0.0.2': slow, 'acr:10.0.0.3': OUT_OF_RANGE, 'acr:10.0.0.4': OUT_OF_RANGE,
    });
  });
});
