import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ZSandboxRunResult } from '@mecport/contracts/sandbox';
import { createClock } from './clock';
import { createEngine } from './create-engine';
import { lineScenario } from './scenario-fixtures';

const groupScenario = () => lineScenario({ radiusM: 400, ueGroups: [{ idPrefix: 'g', count: 50, firstAddress: 'acr:10.0.1.1', paths: [[[0, 0], [0.01, 0]]], speedMps: [5, 15], eopMode: 'REVERSE' }] });

describe('the virtual clock', () => {
  it('runs N seconds and reports the fields of ZSandboxRunResult; two halves equal one whole', async () => {
    const whole = createClock(createEngine(groupScenario(), 4), 'virtual');
    const result = ZSandboxRunResult.parse(await whole.run(600));
    expect(result.timeSec).toBe(600);
    expect(result.eventCount).toBeGreaterThan(0);
    const halves = createClock(createEngine(groupScenario(), 4), 'virtual');
    const first = await halves.run(300);
    const second = await halves.run(300);
    expect(second.timeSec).toBe(600);
    expect(first.eventCount + second.eventCount).toBe(result.eventCount);
    expect(second.eventLogSha256).toBe(result.eventLogSha256);
  });

  it('yields to the event loop during a long run', async () => {
    const clock = createClock(createEngine(groupScenario(), 4), 'virtual', { yieldEveryMs: 0 });
    let ranBeforeTheEnd = false;
    const running = clock.run(3000);
    setImmediate(() => { ranBeforeTheEnd = clock.running; });
    await running;
    expect(ranBeforeTheEnd).toBe(true);
    expect(clock.running).toBe(false);
  });

  it('refuses a second run at once, and pause ends a run early', async () => {
    const engine = createEngine(groupScenario(), 4);
    const clock = createClock(engine, 'virtual', { yieldEveryMs: 0 });
    const running = clock.run(100_000);
    await expect(clock.run(1)).rejects.toMatchObject({ code: 'conflict' });
    clock.pause();
    const result = await running;
    expect(result.timeSec).toBeLessThan(100_000);
    expect(result.timeSec).toBe(engine.view.timeSec);
  });

  it('is refused on a real clock', async () => {
    await expect(createClock(createEngine(groupScenario(), 4), 'real').run(10)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('the real clock', () => {
  // Fake timers; `now` is the fake clock plus a lag that grows each time a timer fires late.
  let lagMs = 0;
  const now = () => Date.now() + lagMs;
  beforeEach(() => { vi.useFakeTimers(); lagMs = 0; });
  afterEach(() => { vi.useRealTimers(); });

  it('ticks at tickSec from a monotonic anchor, without drifting when timers fire late', () => {
    const engine = createEngine(groupScenario(), 4);
    const ticks: number[] = [];
    engine.onTick((t) => ticks.push(t));
    const clock = createClock(engine, 'real', { now });
    const startMs = now();
    clock.start();
    // Every timer fires 300 ms after the time it asked for. Counting intervals would put the clock
    // at 100 s after 100 timers while 130 s went by; re-aiming each timer at the next tick keeps
    // both at about 100.3 s.
    for (let i = 0; i < 100; i++) {
      lagMs += 300;
      vi.advanceTimersToNextTimer();
    }
    const elapsedSec = (now() - startMs) / 1000;
    expect(elapsedSec).toBeLessThan(101);
    expect(engine.view.timeSec).toBeCloseTo(elapsedSec, 9);
    expect(ticks).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    clock.stop();
  });

  it('pauses (time stands still) and resumes from where it was', () => {
    const engine = createEngine(groupScenario(), 4);
    const clock = createClock(engine, 'real', { now });
    clock.start();
    vi.advanceTimersByTime(10_500);
    expect(engine.view.timeSec).toBe(10);
    clock.pause();
    expect(clock.running).toBe(false);
    expect(engine.view.timeSec).toBeCloseTo(10.5, 9);
    vi.advanceTimersByTime(60_000);
    expect(engine.view.timeSec).toBeCloseTo(10.5, 9);
    clock.start();
    vi.advanceTimersByTime(2_000);
    clock.sync();
    expect(engine.view.timeSec).toBeCloseTo(12.5, 9);
    clock.reset();
    expect(engine.view.timeSec).toBe(0);
    expect(clock.running).toBe(true);
    vi.advanceTimersByTime(3_000);
    expect(engine.view.timeSec).toBe(3);
    clock.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
