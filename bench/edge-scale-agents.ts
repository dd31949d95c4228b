/**
 * One process of thin simulated agents (thin-agent.ts) for the scale benchmark, forked by
 * edge-scale-fleet.ts: a process holds a few thousand agents, so that their sockets (two each) stay
 * under the file-descriptor limit of one process. It takes its agents and orders over IPC and answers
 * with counts and timings; it stops its agents and exits when told to, or when its parent goes.
 */
import { ThinAgent, type TTally } from './thin-agent';
import type { TFromAgents, TToAgents } from './edge-scale-fleet';

const agents: ThinAgent[] = [];
const tally: TTally = new Map();
let heartbeatsOn = true;
let stopping: Promise<void> | undefined;

function send(message: TFromAgents): void {
  process.send?.(message);
}

/** Starts the agents at `perSec`, as a fleet does not connect all in one instant. */
async function startAll(message: Extract<TToAgents, { kind: 'start' }>): Promise<void> {
  const gapMs = 1000 / message.rampPerSec;
  const started = performance.now();
  for (const [i, spec] of message.agents.entries()) {
    if (stopping) return;
    const agent = new ThinAgent({ ...spec, heartbeatSec: message.heartbeatSec, waitSec: message.waitSec, tally, heartbeatsOn: () => heartbeatsOn });
    agents.push(agent);
    agent.start();
    const due = started + (i + 1) * gapMs;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
  }
}

function snapshot(id: number): TFromAgents {
  const acknowledged: Record<number, number> = {};
  const parked = [0, 0];
  for (const agent of agents) {
    for (const revision of agent.applied.keys()) acknowledged[revision] = (acknowledged[revision] ?? 0) + 1;
    if (agent.polling) parked[agent.replica] = (parked[agent.replica] ?? 0) + 1;
  }
  return { kind: 'snapshot', id, started: agents.length, acknowledged, parked, tally: Object.fromEntries(tally) };
}

function timings(id: number, revision: number): TFromAgents {
  return { kind: 'timings', id, delivered: agents.map((a) => a.delivered.get(revision) ?? NaN), applied: agents.map((a) => a.applied.get(revision) ?? NaN) };
}

function stopAll(): Promise<void> {
  stopping ??= Promise.all(agents.map((a) => a.stop())).then(() => undefined);
  return stopping;
}

process.on('message', (message: TToAgents) => {
  switch (message.kind) {
    case 'start': void startAll(message); break;
    case 'heartbeats': heartbeatsOn = message.on; break;
    case 'snapshot': send(snapshot(message.id)); break;
    case 'timings': send(timings(message.id, message.revision)); break;
    case 'stop': void stopAll().then(() => { send({ kind: 'stopped', id: message.id }); process.disconnect(); }); break;
  }
});
// The benchmark went away without stopping us: nothing is left to report to.
process.on('disconnect', () => void stopAll().then(() => process.exit(0)));
