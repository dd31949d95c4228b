import { describe, expect, it } from 'vitest';
import type { TInjectedEvent } from '@mecport/contracts/sandbox';
import { loadScenario } from '../scenario/scenario-catalog';
import { createEngine } from './create-engine';
import type { TEngine } from './engine';

/** Runs to `toSec` in steps of `stepSec`, injecting each event when the clock passes its time. */
function runInSteps(engine: TEngine, toSec: number, stepSec: number, injections: [number, TInjectedEvent][] = []): string {
  const pending = [...injections];
  for (let t = stepSec; t < toSec + stepSec; t += stepSec) {
    while (pending.length > 0 && pending[0]![0] <= Math.min(t, toSec)) {
      const [at, event] = pending.shift()!;
      engine.advance(at);
      engine.inject(event);
    }
    engine.advance(Math.min(t, toSec));
  }
  return engine.eventLogSha256();
}

describe('determinism', () => {
  it('gives the same ordered log (and hash) for the same seed, however the clock is stepped', async () => {
    const scenario = await loadScenario('city-centre');
    const whole = createEngine(scenario, 42);
    whole.advance(600);
    expect(whole.eventLog(0, 1).length).toBe(1);
    for (const step of [1, 0.37, 7, 600]) expect(runInSteps(createEngine(scenario, 42), 600, step), `steps of ${step} s`).toBe(whole.eventLogSha256());
    const again = createEngine(scenario, 42);
    again.advance(600);
    expect(again.eventLog(0, 100_000)).toEqual(whole.eventLog(0, 100_000));
  });

  it('gives a different log for a different seed', async () => {
    const scenario = await loadScenario('city-centre');
    const a = createEngine(scenario, 1);
    const b = createEngine(scenario, 2);
    a.advance(600);
    b.advance(600);
    expect(a.eventLogSha256()).not.toBe(b.eventLogSha256());
  });

  it('gives the same log for the same injected events at the same clock times', async () => {
    const scenario = await loadScenario('campus');
    const injections: [number, TInjectedEvent][] = [
      [12.5, { kind: 'access-point-down', target: 'nr-north', params: {} }],
      [40, { kind: 'move-ue', target: 'walker-03', params: { to: [113.9352, 22.5312] } }],
      [41, { kind: 'access-point-up', target: 'nr-north', params: {} }],
    ];
    const a = runInSteps(createEngine(scenario, 5), 300, 1, injections);
    const b = runInSteps(createEngine(scenario, 5), 300, 0.25, injections);
    expect(b).toBe(a);
    const later: [number, TInjectedEvent][] = injections.map(([at, e], i) => [i === 0 ? 13 : at, e]);
    expect(runInSteps(createEngine(scenario, 5), 300, 1, later)).not.toBe(a);
  });
});
