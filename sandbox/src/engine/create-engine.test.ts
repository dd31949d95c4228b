import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/scenario-catalog';
import { createEngine } from './create-engine';

describe('createEngine on the campus scenario', () => {
  it('gives the same log hash for the same seed, in one step or in many', async () => {
    const scenario = await loadScenario('campus');
    const once = createEngine(scenario, 7);
    once.advance(300);
    const stepped = createEngine(scenario, 7);
    for (let t = 0.7; t < 300; t += 0.7) stepped.advance(t);
    stepped.advance(300);
    expect(once.eventLog(0, 10).length).toBeGreaterThan(0);
    expect(stepped.eventLogSha256()).toBe(once.eventLogSha256());
  });
});
