/**
 * The scale path of issue 11: 10,000 thin simulated agents (thin-agent.ts: real HTTP, the agent's
 * PortalClient and signed tokens, in several processes) against two edge gateway replicas on the
 * stack's one PostgreSQL: the stack's gateway and a second one started here, half of the agents on
 * each as a TCP load balancer would spread them. Measures, from the commit of a deployment to every
 * node, delivery and applied-report p50/p99; the replicas' CPU in the rollout and in two steady
 * windows (heartbeats with long-polls parked, then long-polls alone), and from those the CPU of one
 * heartbeat and of one long-poll renewal; RSS and open files per replica with the long-polls
 * parked; PostgreSQL's connections and CPU. `BENCH_SCALE_AGENTS` (default 10,000) and
 * `BENCH_SCALE_HEARTBEAT_SEC` (default 60) change the size.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbClient } from '@mecport/db';
import { stopChild, type TChild } from '../scripts/lib/children';
import { withBenchDb } from './bench-db';
import { benchOperator, commitRollout, seedNodes, seedPublishedVersion } from './edge-fleet-seed';
import { AgentFleet, type TFleetSnapshot } from './edge-scale-fleet';
import { startGatewayReplica } from './gateway-replica';
import { cpuSeconds, listenOverflows, openFiles, rssBytes } from './proc-stats';
import { connectionsByPid } from './socket-stats';
import { BENCH, gatewayUrl } from './stack';
import { gatewayPid, postgresCpuBetween, postgresPids } from './stack-cpu';
import { epochMs } from './thin-agent';
import { delaySummary, waitFor } from './timings';

const AGENTS = Number(process.env.BENCH_SCALE_AGENTS ?? 10_000);
/**
 * 60 s, not the product's 10 s: 10,000 agents at 10 s would be 1,000 heartbeats/s, and at 20 s the
 * 500/s already overloaded both replicas on these 2 shared cores (503s and 15 s timeouts, the start
 * never settled). The price: the stack's worker marks a node silent for 30 s offline
 * (MECPORT_NODE_OFFLINE_AFTER_SEC, which a fleet at 60 s would set to a few intervals), so its
 * once-a-minute watchdog raises alarms that heartbeats clear, and that is in PostgreSQL's figures.
 * The per-heartbeat cost printed scales to any interval (docs/scale.md).
 */
const HEARTBEAT_SEC = Number(process.env.BENCH_SCALE_HEARTBEAT_SEC ?? 60);
/** The agent's long-poll (EdgeChannel's default). */
const WAIT_SEC = 30;
/** Agents started per second: a fleet does not connect in one instant, and 10,000 SYNs at once would overflow the listen queues. */
const RAMP_PER_SEC = Number(process.env.BENCH_SCALE_RAMP_PER_SEC ?? 250);
/** Agents per process: two sockets each stay well under the 20,000 files one process may open. */
const PER_PROCESS = 2500;
const REPLICA2_PORT = 3203;
const WINDOW_SEC = 30;
const SETTLE_MS = 5000;

interface TReplica { name: string; url: string; port: number; pid: number }

/** CPU seconds so far of each replica, of PostgreSQL's processes and of the agents' processes, and when. */
interface TCpuSample { at: number; replicas: number[]; postgres: Map<number, number>; agents: number }

function cpuSample(replicas: TReplica[], fleet: AgentFleet): TCpuSample {
  const postgres = new Map(postgresPids().flatMap((p): [number, number][] => { try { return [[p, cpuSeconds(p)]]; } catch { return []; } }));
  return { at: epochMs(), replicas: replicas.map((r) => cpuSeconds(r.pid)), postgres, agents: fleet.pids.reduce((sum, p) => sum + cpuSeconds(p), 0) };
}

function cpuBetween(a: TCpuSample, b: TCpuSample): { seconds: number; replicas: number[]; postgres: number; agents: number } {
  return { seconds: (b.at - a.at) / 1000, replicas: b.replicas.map((s, i) => s - a.replicas[i]!), postgres: postgresCpuBetween(a.postgres, b.postgres), agents: b.agents - a.agents };
}

/** Calls counted between two snapshots, of `replica|route|outcome` keys that match. */
function callsBetween(a: TFleetSnapshot, b: TFleetSnapshot, match: (replica: number, route: string, outcome: string) => boolean): number {
  let sum = 0;
  for (const [key, n] of b.tally) {
    const [replica, route, outcome] = key.split('|');
    if (match(Number(replica), route!, outcome!)) sum += n - (a.tally.get(key) ?? 0);
  }
  return sum;
}

function failuresBetween(a: TFleetSnapshot, b: TFleetSnapshot): string {
  const kinds: string[] = [];
  for (const [key, n] of b.tally) {
    const [replica, route, outcome] = key.split('|');
    const count = n - (a.tally.get(key) ?? 0);
    if (outcome !== 'ok' && outcome !== 'idle' && count > 0) kinds.push(`${count}x ${route} ${outcome} (replica ${Number(replica) + 1})`);
  }
  return kinds.length === 0 ? 'none' : kinds.join('; ');
}

const line = (text: string) => process.stdout.write(`${text}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const EMPTY: TFleetSnapshot = { started: 0, acknowledged: new Map(), parked: [0, 0], tally: new Map() };

/** Waits until every agent's report of `revision` was acknowledged; on a timeout, says how far the fleet got. */
async function allAcknowledged(fleet: AgentFleet, revision: number, timeoutMs: number, since: TFleetSnapshot): Promise<void> {
  let last = EMPTY;
  try {
    await waitFor(`every agent's report of revision ${revision}`, async () => (last = await fleet.snapshot()).acknowledged.get(revision) === AGENTS, timeoutMs, 200);
  } catch (error) {
    line(`STALLED: ${last.acknowledged.get(revision) ?? 0} of ${AGENTS} reports of revision ${revision} acknowledged (${last.started} agents started, long-polls parked ${last.parked.join(' / ')}); failed calls: ${failuresBetween(since, last)}`);
    throw error;
  }
}

export async function edgeScale(stack: TChild): Promise<void> {
  await withBenchDb(async (db, databaseUrl) => {
    const seeding = epochMs();
    const { tenantId, nodes } = await seedNodes(db, { count: AGENTS, tenant: { slug: 'bench-scale', name: 'Bench Scale' }, label: 'scale' });
    const versionId = await seedPublishedVersion(db, tenantId);
    const operator = await benchOperator(db, 'bench-scale');
    line(`edge gateway at scale: ${AGENTS} nodes with their own keys seeded in ${((epochMs() - seeding) / 1000).toFixed(1)} s; starting a second gateway replica on :${REPLICA2_PORT}`);
    const second = await startGatewayReplica({ port: REPLICA2_PORT, databaseUrl });
    const replicas: TReplica[] = [
      { name: 'replica 1', url: gatewayUrl, port: BENCH.gatewayPort, pid: gatewayPid(stack) },
      { name: 'replica 2', url: `http://localhost:${REPLICA2_PORT}`, port: REPLICA2_PORT, pid: second.process.pid! },
    ];
    const peaks = samplePeaks(db, replicas);
    const specs = nodes.map((node, i) => ({ node, replica: i % 2, gatewayUrl: replicas[i % 2]!.url }));
    let fleet: AgentFleet | undefined;
    try {
      line(`${AGENTS} thin agents in ${Math.ceil(AGENTS / PER_PROCESS)} processes (real HTTP and signed tokens), half on each of 2 replicas (:${BENCH.gatewayPort} the stack's, :${REPLICA2_PORT}), heartbeat every ${HEARTBEAT_SEC} s, long-poll ${WAIT_SEC} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      const overflowsAtStart = listenOverflows();
      fleet = AgentFleet.start(specs, { heartbeatSec: HEARTBEAT_SEC, waitSec: WAIT_SEC, rampPerSec: RAMP_PER_SEC, perProcess: PER_PROCESS });
      const started = epochMs();
      await allAcknowledged(fleet, 0, (AGENTS / RAMP_PER_SEC) * 1000 + 300_000, EMPTY);
      const connected = await fleet.snapshot();
      line(`start: every agent's revision-0 report acknowledged ${((epochMs() - started) / 1000).toFixed(1)} s after the first agent started (${RAMP_PER_SEC} agents/s); listen overflows ${listenOverflows() - overflowsAtStart}; failed calls ${failuresBetween(EMPTY, connected)}`);
      await sleep(SETTLE_MS);
      await rollout(db, operator, versionId, fleet, replicas);
      const steady = await window(fleet, replicas, `heartbeats every ${HEARTBEAT_SEC} s with the long-polls parked`);
      const rssParked = replicas.map((r) => rssBytes(r.pid));
      const parkedNow = (await fleet.snapshot()).parked;
      fleet.setHeartbeats(false);
      await sleep(SETTLE_MS);
      const alone = await window(fleet, replicas, 'long-polls alone (heartbeats paused)');
      printPerRequest(replicas, steady, alone);
      line(`RSS per replica   peak ${replicas.map((r, i) => `${r.name} ${mb(peaks.rss[i]!)}`).join('   ')}   with the long-polls parked ${replicas.map((r, i) => `${r.name} ${mb(rssParked[i]!)} (${parkedNow[i]} parked)`).join('   ')} (goal < 200 MB with 5,000 parked)`);
      line(`open files per replica   ${replicas.map((r) => `${r.name} ${openFiles(r.pid)}`).join('   ')}; agents' connections held   ${replicas.map((r) => `${r.name} ${[...connectionsByPid({ localPort: r.port }).values()].reduce((a, b) => a + b, 0)}`).join('   ')}`);
      await printPostgresConnections(db, replicas, peaks.postgresConnections);
      line(`load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    } finally {
      peaks.stop();
      await fleet?.stop();
      await stopChild(second);
    }
  });
}

async function rollout(db: DbClient, operator: Awaited<ReturnType<typeof benchOperator>>, versionId: string, fleet: AgentFleet, replicas: TReplica[]): Promise<void> {
  const before = await fleet.snapshot();
  const cpuBefore = cpuSample(replicas, fleet);
  const overflowsBefore = listenOverflows();
  const committing = epochMs();
  await commitRollout(db, operator, { versionId, selector: 'bench=scale', batchSize: AGENTS });
  const committed = epochMs();
  await allAcknowledged(fleet, 1, 300_000, before);
  const cpu = cpuBetween(cpuBefore, cpuSample(replicas, fleet));
  const after = await fleet.snapshot();
  const { delivered, applied } = await fleet.timings(1);
  const sorted = (times: number[]) => times.map((t) => t - committed).sort((x, y) => x - y);
  line(`rollout: deployment to all ${AGENTS} nodes committed in ${((committed - committing) / 1000).toFixed(2)} s`);
  line(`desired state delivered to the agent, from the commit   ${delaySummary(sorted(delivered))}`);
  line(`desired state -> applied report acknowledged, from the commit   ${delaySummary(sorted(applied))} (goal p99 < 1000 ms)`);
  line(`CPU seconds during the rollout (${cpu.seconds.toFixed(1)} s)   ${replicas.map((r, i) => `${r.name} ${cpu.replicas[i]!.toFixed(2)}`).join('   ')}   postgres ${cpu.postgres.toFixed(2)}   agents ${cpu.agents.toFixed(2)}`);
  line(`gateway CPU per agent in the rollout (answer its long-poll, take its report, park its next long-poll; heartbeats meanwhile included)   ${replicas.map((r, i) => `${r.name} ${((1e6 * cpu.replicas[i]!) / (AGENTS / 2)).toFixed(0)} µs`).join('   ')}   postgres ${((1e6 * cpu.postgres) / AGENTS).toFixed(0)} µs`);
  line(`listen overflows during the rollout (machine-wide) ${listenOverflows() - overflowsBefore}; agents' failed calls ${failuresBetween(before, after)}`);
}

interface TWindow { cpu: ReturnType<typeof cpuBetween>; heartbeats: number[]; renewals: number[] }

/** CPU over WINDOW_SEC of steady traffic, with the calls each replica took meanwhile. */
async function window(fleet: AgentFleet, replicas: TReplica[], what: string): Promise<TWindow> {
  const before = await fleet.snapshot();
  const cpuBefore = cpuSample(replicas, fleet);
  await sleep(WINDOW_SEC * 1000);
  const cpu = cpuBetween(cpuBefore, cpuSample(replicas, fleet));
  const after = await fleet.snapshot();
  const heartbeats = replicas.map((_, i) => callsBetween(before, after, (r, route, outcome) => r === i && route === 'heartbeat' && outcome === 'ok'));
  const renewals = replicas.map((_, i) => callsBetween(before, after, (r, route, outcome) => r === i && route === 'desired' && outcome === 'idle'));
  const pct = (seconds: number) => `${((100 * seconds) / cpu.seconds).toFixed(1)}%`;
  line(`${what} (${cpu.seconds.toFixed(0)} s): CPU ${replicas.map((r, i) => `${r.name} ${pct(cpu.replicas[i]!)} (${(heartbeats[i]! / cpu.seconds).toFixed(0)} heartbeats/s, ${(renewals[i]! / cpu.seconds).toFixed(0)} long-poll renewals/s)`).join('   ')}   postgres ${pct(cpu.postgres)}   agents ${pct(cpu.agents)}; failed calls ${failuresBetween(before, after)}`);
  return { cpu, heartbeats, renewals };
}

/**
 * One long-poll renewal (a 204 after the wait and the next long-poll parked) from the window
 * without heartbeats; one heartbeat from the window with them, less its renewals at that price.
 */
function printPerRequest(replicas: TReplica[], steady: TWindow, alone: TWindow): void {
  const costs = replicas.map((_, i) => {
    const renewal = alone.cpu.replicas[i]! / alone.renewals[i]!;
    return { renewal, heartbeat: (steady.cpu.replicas[i]! - steady.renewals[i]! * renewal) / steady.heartbeats[i]! };
  });
  const pgRenewal = alone.cpu.postgres / alone.renewals.reduce((a, b) => a + b, 0);
  const pgHeartbeat = (steady.cpu.postgres - steady.renewals.reduce((a, b) => a + b, 0) * pgRenewal) / steady.heartbeats.reduce((a, b) => a + b, 0);
  const us = (seconds: number) => `${(1e6 * seconds).toFixed(0)} µs`;
  line(`CPU per request   long-poll renewal: ${replicas.map((r, i) => `${r.name} ${us(costs[i]!.renewal)}`).join('   ')}   postgres ${us(pgRenewal)}   heartbeat: ${replicas.map((r, i) => `${r.name} ${us(costs[i]!.heartbeat)}`).join('   ')}   postgres ${us(pgHeartbeat)}`);
}

/** Peak RSS of each replica (every 250 ms) and peak PostgreSQL client connections (every 2 s). */
function samplePeaks(db: DbClient, replicas: TReplica[]): { rss: number[]; postgresConnections: number; stop(): void } {
  const peaks = { rss: replicas.map(() => 0), postgresConnections: 0, stop: () => { clearInterval(rss); clearInterval(pg); } };
  const rss = setInterval(() => replicas.forEach((r, i) => { peaks.rss[i] = Math.max(peaks.rss[i]!, rssBytes(r.pid)); }), 250);
  const pg = setInterval(() => void clientBackends(db).then((n) => { peaks.postgresConnections = Math.max(peaks.postgresConnections, n); }, () => undefined), 2000);
  return peaks;
}

async function clientBackends(db: DbClient): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend'`;
  return row?.n ?? 0;
}

/** pg_stat_activity's count, split by who holds the connections (ss: each process's sockets to PostgreSQL's port). */
async function printPostgresConnections(db: DbClient, replicas: TReplica[], peak: number): Promise<void> {
  const total = await clientBackends(db);
  const held = connectionsByPid({ peerPort: BENCH.pgPort });
  const byReplica = replicas.map((r) => held.get(r.pid) ?? 0);
  const bench = held.get(process.pid) ?? 0;
  line(`PostgreSQL connections (pg_stat_activity, client backends)   now ${total}: ${replicas.map((r, i) => `${r.name} ${byReplica[i]}`).join('   ')}   this benchmark ${bench}   portal, worker and the rest ${total - bench - byReplica.reduce((a, b) => a + b, 0)}; peak ${peak}`);
}
