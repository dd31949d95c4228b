/**
 * The contract of the scenario engine (issue 13): one emulated MEC site's world, advanced on a
 * clock the caller owns. The engine itself never reads wall time: `advance(toSec)` moves it, so
 * the same scenario, seed and injected events (at the same clock times) give the same ordered
 * event log, on any machine and at any speed. `clock.ts` drives it in real or virtual time.
 *
 * @example
 *   const engine = createEngine(scenario, 42);
 *   engine.onEvent((e) => location.notify(e));
 *   engine.advance(600);                    // ten minutes, as fast as the machine allows
 *   engine.eventLogSha256();                // equal for equal runs
 */
import type { TEngineEvent, TInjectedEvent, TScenario, TWorldPoa, TWorldSnapshot, TWorldUe } from '@mecport/contracts/sandbox';

/** Read access for the emulated services: lookups without copying 1,000 UEs per query. */
export interface TWorldView {
  readonly timeSec: number;
  readonly ues: ReadonlyMap<string, Readonly<TWorldUe>>;
  /** By MEC 013 address (`acr:10.100.0.1`). */
  readonly uesByAddress: ReadonlyMap<string, Readonly<TWorldUe>>;
  readonly poas: ReadonlyMap<string, Readonly<TWorldPoa>>;
  readonly zones: ReadonlyMap<string, Readonly<TWorldSnapshot['zones'][number]>>;
}

export interface TEngine {
  readonly scenario: TScenario;
  readonly seed: number;
  readonly view: TWorldView;
  snapshot(): TWorldSnapshot;
  /** Moves the world to `toSec` tick by tick (scripted events at their times), emitting events in order. */
  advance(toSec: number): void;
  /** Applies an event at the current clock time; it joins the ordered log like a scripted one. */
  inject(event: TInjectedEvent): void;
  /** Back to t = 0 with the same seed (the log restarts). */
  reset(): void;
  /** Every event, in order, as it is emitted (listeners run synchronously; they must not throw). */
  onEvent(listener: (event: TEngineEvent) => void): () => void;
  /** After each tick's positions are updated (for distance, circle and periodic subscriptions). */
  onTick(listener: (timeSec: number) => void): () => void;
  eventLog(afterSeq: number, limit: number): TEngineEvent[];
  eventLogSha256(): string;
}
