import CheapRuler from 'cheap-ruler';
import { describe, expect, it } from 'vitest';
import { expandUes } from './seeded-ues';
import { lineScenario } from './scenario-fixtures';

const scenario = lineScenario({
  ueGroups: [{ idPrefix: 'walker', count: 12, firstAddress: 'acr:10.0.0.250', paths: [[[0, 0], [0.01, 0]], [[0, 0], [0, 0.01]]], speedMps: [1, 2], eopMode: 'REVERSE' }],
});
const ruler = new CheapRuler(0, 'meters');

describe('expandUes', () => {
  it('expands a group from the seed: ids and addresses counted up, speeds and offsets in range', () => {
    const ues = expandUes(scenario, 9, ruler);
    expect(ues).toHaveLength(13);
    const members = ues.slice(1);
    expect(members.map((u) => u.id)).toEqual(Array.from({ length: 12 }, (_, i) => `walker-${String(i + 1).padStart(2, '0')}`));
    expect(members.slice(5, 8).map((u) => u.address)).toEqual(['acr:10.0.0.255', 'acr:10.0.1.0', 'acr:10.0.1.1']);
    for (const ue of members) {
      expect(ue.speedMps).toBeGreaterThanOrEqual(1);
      expect(ue.speedMps).toBeLessThanOrEqual(2);
      expect(ue.startOffsetM).toBeLessThanOrEqual(1114);
      expect(ue.eopMode).toBe('REVERSE');
    }
    expect(new Set(members.map((u) => u.path[1]![0])).size).toBe(2);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(expandUes(scenario, 9, ruler)).toEqual(expandUes(scenario, 9, ruler));
    expect(expandUes(scenario, 10, ruler)).not.toEqual(expandUes(scenario, 9, ruler));
  });
});
