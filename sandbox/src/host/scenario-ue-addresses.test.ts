import { describe, expect, it } from 'vitest';
import { scenarioUeAddresses } from './scenario-ue-addresses';
import { TINY_SCENARIO } from './testing/tiny-scenario';

describe('scenarioUeAddresses', () => {
  it('lists the UEs and counts groups up across octets, with the first zone\'s characteristics', () => {
    const ues = scenarioUeAddresses(TINY_SCENARIO);
    expect(ues.map((ue) => ue.address)).toEqual(['acr:10.100.0.1', 'acr:10.100.0.2', 'acr:10.100.0.254', 'acr:10.100.0.255', 'acr:10.100.1.0']);
    expect(ues[0]!.netChar.latencyMs).toBe(5);
  });

  it('stops at the limit (the site adds the rest on demand)', () => {
    expect(scenarioUeAddresses(TINY_SCENARIO, 3)).toHaveLength(3);
  });
});
