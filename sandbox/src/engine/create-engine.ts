/**
 * `createEngine(scenario, seed)`: the scenario engine (the `TEngine` contract of `engine.ts`).
 *
 * Time: ticks at k * tickSec move the UEs and re-evaluate their serving POAs; a scripted event
 * applies at its own `atSec`, after the tick at the same time; an injected event applies at the
 * clock's current time, after every scripted event due by then. So the log depends only on the
 * scenario, the seed and the injected events with their times: never on how `advance` is called
 * (one call of 600 s or 6,000 of 0.1 s) nor on wall time, which the engine never reads.
 *
 * @example
 *   const engine = createEngine(scenario, 42);
 *   engine.onEvent((e) => console.log(e.seq, e.kind));
 *   engine.advance(600);
 *   engine.eventLogSha256();
 */
import { AppError } from '@mecport/contracts/errors';
import { SCENARIO_EVENT_PARAMS, type TEngineEvent, type TInjectedEvent, type TScenario, type TScenarioEvent, type TWorldSnapshot } from '@mecport/contracts/sandbox';
import { applyEvent, reassignAll } from './apply-event';
import type { TEngine, TWorldView } from './engine';
import { EventLog } from './event-log';
import { buildWorld, placeUe, type TWorldState } from './world-state';

/** Tolerance for clock arithmetic: 0.1 + 0.2 must reach the tick at 0.3. */
const EPSILON = 1e-9;

/** Tick k's time, rounded to the microsecond so k * 0.1 reads 0.3, not 0.30000000000000004. */
const tickTime = (k: number, tickSec: number) => Math.round(k * tickSec * 1e6) / 1e6;

/** The loader checks these too; a scenario built in code must not fail halfway through a run. */
function checkScriptedEvents(scenario: TScenario, state: TWorldState): void {
  scenario.events.forEach((event, i) => {
    const parsed = SCENARIO_EVENT_PARAMS[event.kind].safeParse(event.params);
    if (!parsed.success) throw new AppError('validation', `events[${i}].params: ${parsed.error.issues[0]!.message}`);
    const known = event.kind === 'move-ue' || event.kind === 'set-ue-speed' ? state.uesById.has(event.target)
      : event.kind === 'set-network' ? state.zones.has(event.target) || state.poas.has(event.target) : state.poas.has(event.target);
    if (!known) throw new AppError('validation', `events[${i}].target: no ${event.kind === 'move-ue' || event.kind === 'set-ue-speed' ? 'UE' : 'such element'} "${event.target}"`);
  });
}

interface TRun { state: TWorldState; log: EventLog; tick: number; timeSec: number; nextScripted: number }

export function createEngine(scenario: TScenario, seed: number): TEngine {
  // Stable by time: events at the same atSec apply in file order.
  const scripted: TScenarioEvent[] = scenario.events.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.atSec - b.atSec || i - j).map(([e]) => e);
  const eventListeners = new Set<(event: TEngineEvent) => void>();
  const tickListeners = new Set<(timeSec: number) => void>();
  const fresh = (): TRun => ({ state: buildWorld(scenario, seed), log: new EventLog(eventListeners), tick: 0, timeSec: 0, nextScripted: 0 });
  let run = fresh();
  checkScriptedEvents(scenario, run.state);
  const emit = (body: Parameters<EventLog['append']>[0]) => run.log.append(body);

  function tick(): void {
    run.tick += 1;
    run.timeSec = tickTime(run.tick, scenario.tickSec);
    for (const ue of run.state.ues) {
      if (ue.track && ue.world.speedMps > 0) ue.travelledM += ue.world.speedMps * scenario.tickSec;
      placeUe(ue);
    }
    reassignAll(run.state, run.state.ues, run.timeSec, emit);
    for (const listener of tickListeners) listener(run.timeSec);
  }

  function applyScriptedUpTo(toSec: number, beforeSec: number): boolean {
    const next = scripted[run.nextScripted];
    if (!next || next.atSec > toSec + EPSILON || next.atSec >= beforeSec - EPSILON) return false;
    run.nextScripted += 1;
    run.timeSec = Math.max(run.timeSec, next.atSec);
    applyEvent(run.state, next, run.timeSec, emit);
    return true;
  }

  const view: TWorldView = {
    get timeSec() { return run.timeSec; },
    get ues() { return run.state.worldUes; },
    get uesByAddress() { return run.state.uesByAddress; },
    get poas() { return run.state.poas; },
    get zones() { return run.state.zones; },
  };

  return {
    scenario,
    seed,
    view,
    snapshot: (): TWorldSnapshot => ({
      scenarioId: scenario.id,
      seed,
      timeSec: run.timeSec,
      seq: run.log.lastSeq,
      ues: run.state.ues.map(({ world }) => ({ ...world, location: [world.location[0], world.location[1]] })),
      poas: run.state.poasById.map((poa) => ({ ...poa, location: [poa.location[0], poa.location[1]], netChar: { ...poa.netChar } })),
      zones: [...run.state.zones.values()].map((zone) => ({ ...zone, netChar: { ...zone.netChar } })),
    }),
    advance(toSec) {
      if (!(toSec >= run.timeSec - EPSILON)) throw new AppError('validation', `The clock cannot go back (now ${run.timeSec} s, asked for ${toSec} s)`);
      for (;;) {
        const nextTick = tickTime(run.tick + 1, scenario.tickSec);
        if (applyScriptedUpTo(toSec, nextTick)) continue;
        if (nextTick > toSec + EPSILON) break;
        tick();
      }
      run.timeSec = Math.max(run.timeSec, toSec);
    },
    inject(event) {
      while (applyScriptedUpTo(run.timeSec, Infinity));
      applyEvent(run.state, event as TInjectedEvent, run.timeSec, emit);
    },
    reset() {
      run = fresh();
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => { eventListeners.delete(listener); };
    },
    onTick(listener) {
      tickListeners.add(listener);
      return () => { tickListeners.delete(listener); };
    },
    eventLog: (afterSeq, limit) => run.log.page(afterSeq, limit),
    eventLogSha256: () => run.log.sha256(),
  };
}
