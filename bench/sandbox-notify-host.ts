/**
 * The process the `sandbox-notify` bench measures: one sandbox's engine on the real clock (ticks
 * every second) with the emulated Location service and its notifier, subscribed (in process,
 * through the service's own routes) to zonalTraffic for every zone and userTracking for every UE,
 * the callbacks going to the bench's subscriber (BENCH_CALLBACK). Prints `ready` (with the wall
 * time of t = 0) and, after BENCH_RUN_SECONDS, `done` with the notifier's figures, as JSON lines.
 */
import { createClock, createEngine } from '../sandbox/src/engine';
import { createLocationService } from '../sandbox/src/emulated/location/location-service';
import { createNotifier } from '../sandbox/src/emulated/notifier';
import { listScenarios, loadScenario } from '../sandbox/src/scenario';
import type { TScenario } from '@mecport/contracts/sandbox';

const UES = 1000;
const callback = new URL(process.env.BENCH_CALLBACK!);
const runSeconds = Number(process.env.BENCH_RUN_SECONDS ?? 65);

/** The engine's `bench-1000` scenario when it ships one, else the campus with its walkers grown to 1,000 UEs. */
async function benchScenario(): Promise<TScenario> {
  if ((await listScenarios()).some((s) => s.id === 'bench-1000')) return loadScenario('bench-1000');
  const campus = await loadScenario('campus');
  const [group, ...rest] = campus.ueGroups;
  return { ...campus, id: 'campus-1000', ueGroups: [{ ...group!, count: UES - campus.ues.length }, ...rest] };
}

const scenario = await benchScenario();
const engine = createEngine(scenario, 1);
// Where a notification's delay goes: from its tick to the start of its exchange (engine work,
// queue), then the exchange itself (connect, POST, the subscriber's answer).
const untilSendMs: number[] = [];
const exchangeMs: number[] = [];
let epochMs = 0;
const notifier = createNotifier({
  policy: { allowPublic: false, loopbackPorts: [Number(callback.port)] },
  onExchange: (record) => {
    untilSendMs.push(Date.parse(record.at) - (epochMs + record.atSec * 1000));
    exchangeMs.push(record.durationMs);
  },
});
const clock = createClock(engine, 'real');
// t = 0 of the sandbox clock is now: the services stamp notifications from here, so the subscriber
// can tell the delay from the tick that caused each one. Subscribing takes well under the first second.
clock.start();
epochMs = Date.now();
const location = createLocationService({ engine, notifier, apiRoot: 'http://127.0.0.1:8080', epochMs });

async function subscribe(path: string, body: unknown): Promise<void> {
  const res = await location.app.request(`/subscriptions/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (res.status !== 201) throw new Error(`subscribing ${path}: ${res.status} ${await res.text()}`);
}
for (const zoneId of engine.view.zones.keys()) {
  await subscribe('zonalTraffic', { zonalTrafficSubscription: { callbackReference: { notifyURL: `${callback.href}zonal` }, zoneId } });
}
for (const address of engine.view.uesByAddress.keys()) {
  await subscribe('userTracking', { userTrackingSubscription: { callbackReference: { notifyURL: `${callback.href}tracking` }, address } });
}

let events = 0;
engine.onEvent(() => void events++);
// How late each tick ran after its wall time: on a loaded machine, timer lateness is part of every delay.
const tickLatenessMs: number[] = [];
engine.onTick((timeSec) => void tickLatenessMs.push(Date.now() - (epochMs + timeSec * 1000)));
process.stdout.write(`${JSON.stringify({ ready: true, scenario: scenario.id, ues: engine.view.ues.size, zones: engine.view.zones.size, epochMs, subscribedAtSec: engine.view.timeSec })}\n`);
setTimeout(() => {
  clock.stop();
  void notifier.idle().then(() => {
    process.stdout.write(`${JSON.stringify({ done: true, events, timeSec: engine.view.timeSec, stats: notifier.stats(), tickLatenessMs: tickLatenessMs.slice(5), untilSendMs, exchangeMs })}\n`);
    process.exit(0);
  });
}, runSeconds * 1000);
