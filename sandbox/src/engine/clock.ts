/**
 * The clock that drives an engine, at one of two speeds:
 *
 * - `real`: ticks in real time while started (for a person watching). The clock time is derived
 *   from a monotonic anchor (`performance.now()` when started, and the engine's time then), never
 *   by counting intervals, so it does not drift; a late timer catches up in one `advance`.
 * - `virtual`: time moves only in `run(seconds)`, as fast as the machine allows, yielding to the
 *   event loop every `yieldEveryMs` of work so HTTP servers in the same process stay responsive.
 *
 * The engine never reads time; this file is the only place that does (the wall time a run took).
 *
 * @example
 *   const clock = createClock(engine, 'virtual');
 *   const { eventLogSha256, wallMs } = await clock.run(600);
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '@mecport/contracts/errors';
import type { TSandboxRunResult } from '@mecport/contracts/sandbox';
import type { TEngine } from './engine';

export type TClockMode = 'real' | 'virtual';

export interface TClock {
  readonly mode: TClockMode;
  /** Real: ticking. Virtual: a run is in progress. */
  readonly running: boolean;
  /** Real: starts or resumes ticking from the engine's current time. Virtual: nothing (time moves in `run`). */
  start(): void;
  /** Real: stops ticking, the engine advanced to the moment of the pause. Virtual: ends a run in progress at its next yield. */
  pause(): void;
  /** Real and ticking: advances the engine to this moment (call before `inject`, so the event lands at its real time). */
  sync(): void;
  /** Virtual only: advances `seconds` of clock time as fast as the machine allows. */
  run(seconds: number): Promise<TSandboxRunResult>;
  /** The engine back to t = 0; a ticking real clock keeps ticking from there, a run in progress ends. */
  reset(): void;
  /** Stops for good (timers cleared). */
  stop(): void;
}

export interface TClockOptions {
  /** Monotonic milliseconds (tests pass a fake). */
  now?: () => number;
  yieldEveryMs?: number;
}

export function createClock(engine: TEngine, mode: TClockMode, options: TClockOptions = {}): TClock {
  const now = options.now ?? (() => performance.now());
  const yieldEveryMs = options.yieldEveryMs ?? 10;
  const tickSec = engine.scenario.tickSec;
  let anchor: { ms: number; sec: number } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let runToken: object | null = null;
  let stopped = false;

  const clockSec = (a: { ms: number; sec: number }) => a.sec + (now() - a.ms) / 1000;

  function schedule(): void {
    if (!anchor) return;
    const nextTickSec = (Math.floor(engine.view.timeSec / tickSec + 1e-9) + 1) * tickSec;
    const delayMs = anchor.ms + (nextTickSec - anchor.sec) * 1000 - now();
    timer = setTimeout(onTimer, Math.max(0, delayMs));
  }

  function onTimer(): void {
    if (!anchor) return;
    engine.advance(clockSec(anchor));
    schedule();
  }

  function halt(): void {
    clearTimeout(timer);
    timer = undefined;
    if (anchor) engine.advance(clockSec(anchor));
    anchor = null;
  }

  async function runVirtual(seconds: number): Promise<TSandboxRunResult> {
    if (mode !== 'virtual') throw new AppError('conflict', 'This sandbox runs in real time: only a virtual clock runs N seconds');
    if (runToken) throw new AppError('conflict', 'A run is already in progress');
    if (!(seconds > 0)) throw new AppError('validation', 'Run a positive number of seconds');
    const token = {};
    runToken = token;
    let eventCount = 0;
    const unsubscribe = engine.onEvent(() => { eventCount += 1; });
    const startedMs = now();
    try {
      const targetSec = engine.view.timeSec + seconds;
      let yieldedMs = startedMs;
      while (runToken === token && engine.view.timeSec < targetSec) {
        engine.advance(Math.min(targetSec, engine.view.timeSec + tickSec));
        if (now() - yieldedMs >= yieldEveryMs) {
          await yieldToLoop();
          yieldedMs = now();
        }
      }
    } finally {
      unsubscribe();
      if (runToken === token) runToken = null;
    }
    return { timeSec: engine.view.timeSec, eventCount, eventLogSha256: engine.eventLogSha256(), wallMs: now() - startedMs };
  }

  return {
    mode,
    get running() { return mode === 'real' ? anchor !== null : runToken !== null; },
    start() {
      if (stopped || mode !== 'real' || anchor) return;
      anchor = { ms: now(), sec: engine.view.timeSec };
      schedule();
    },
    pause() {
      if (mode === 'real') halt(); else runToken = null;
    },
    sync() {
      if (anchor) engine.advance(clockSec(anchor));
    },
    run: runVirtual,
    reset() {
      runToken = null;
      const ticking = anchor !== null;
      clearTimeout(timer);
      anchor = null;
      engine.reset();
      if (ticking) {
        anchor = { ms: now(), sec: 0 };
        schedule();
      }
    },
    stop() {
      stopped = true;
      runToken = null;
      clearTimeout(timer);
      anchor = null;
    },
  };
}
