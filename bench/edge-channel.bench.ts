/**
 * 1,000 agents on one edge gateway (the stack's, as `npm start` runs it): 1,000 instances of the agent's real EdgeChannel and PortalClient
 * (with the agent's TokenSigner) in this process, each for its own node seeded straight into the
 * bench database with its own Ed25519 key. Measures:
 * - a desired-state change reaching all of them: a deployment of one app version to the 1,000 nodes
 *   (core createDeployment + advanceDeployment, as the API runs them, committed in one transaction);
 *   from the commit, p50/p99 until each agent's report of the applied revision was accepted;
 * - the gateway's CPU and RSS while the 1,000 agents heartbeat every 10 s (and hold their long-polls).
 */
import { createPrivateKey } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TDesiredState } from '@mecport/contracts';
import { EdgeChannel } from '../apps/mep-agent/src/channel/edge-channel';
import { PortalClient } from '../apps/mep-agent/src/channel/portal-client';
import { TokenSigner } from '../apps/mep-agent/src/channel/token-signer';
import { withBenchDb } from './bench-db';
import { benchOperator, commitRollout, seedNodes, seedPublishedVersion, type TBenchNode } from './edge-fleet-seed';
import { cpuSeconds, listenOverflows, rssBytes } from './proc-stats';
import { gatewayUrl } from './stack';
import { gatewayPid, postgresCpuBetween, stackCpu } from './stack-cpu';
import { delaySummary, waitFor } from './timings';
import type { TChild } from '../scripts/lib/children';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const HEARTBEAT_SEC = 10;
const CPU_WINDOW_SEC = 30;
const STEADY_MS = 8000;
const METRICS = { cpuPercent: 3, memUsedBytes: 2e9, memTotalBytes: 8e9, diskUsedBytes: 2e10, diskTotalBytes: 1e11, load1: 0.2, load5: 0.2, load15: 0.1 };

interface TSimAgent { nodeId: string; channel: EdgeChannel; received: Map<number, number>; applied: Map<number, number> }

function startAgent(node: TBenchNode): TSimAgent {
  const signer = new TokenSigner(createPrivateKey(node.key), { nodeId: node.id, credentialId: node.credentialId });
  // Its own connection pool, as an agent on its own node has: one shared pool for all 1,000 would
  // open and close connections no real fleet does.
  const client = new PortalClient({ portalUrl: gatewayUrl, nodeId: node.id, signer, httpAgent: new http.Agent({ keepAlive: true }) });
  const received = new Map<number, number>();
  const applied = new Map<number, number>();
  // Reports go through the channel, which retries them as the real agent does (a 503 with
  // Retry-After from a saturated gateway); a report counts when the gateway took it.
  const send = client.report.bind(client);
  client.report = async (report, signal) => { await send(report, signal); applied.set(report.appliedRevision, performance.now()); };
  let revision = -1;
  let instances: TDesiredState['appInstances'] = [];
  const channel: EdgeChannel = new EdgeChannel({
    client, after: -1, heartbeatIntervalSec: HEARTBEAT_SEC, agentVersion: 'bench', waitSec: 30,
    onDesired: (doc) => {
      received.set(doc.revision, performance.now());
      revision = doc.revision;
      instances = doc.appInstances;
      // An agent that applies at once: the figure is the channel's, not a process start.
      channel.report({ appliedRevision: doc.revision, outcome: 'applied', message: null, instances: instances.map((i) => ({ appInstanceId: i.appInstanceId, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false })) });
    },
    heartbeat: async () => ({ appliedRevision: revision, metrics: METRICS, instances: [], services: [] }),
    onState: (state, message) => { if (state === 'offline') channelErrors.push({ at: performance.now(), message: message ?? '' }); },
  });
  channel.start();
  return { nodeId: node.id, channel, received, applied };
}

/** Every time a simulated agent's channel went offline (a call failed), for the figures' context. */
const channelErrors: { at: number; message: string }[] = [];

function errorsSince(from: number): string {
  const recent = channelErrors.filter((e) => e.at >= from);
  const kinds = new Map<string, number>();
  for (const e of recent) {
    const kind = e.message.replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 120);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return recent.length === 0 ? 'none' : [...kinds].map(([kind, n]) => `${n}x ${kind}`).join('; ');
}

export async function edgeChannel(stack: TChild): Promise<void> {
  await withBenchDb(async (db) => {
    const { tenantId, nodes } = await seedNodes(db, { count: AGENTS, tenant: { slug: 'bench-edge', name: 'Bench Edge' }, label: 'edge' });
    const versionId = await seedPublishedVersion(db, tenantId);
    const operator = await benchOperator(db, 'bench-edge');
    const agents = nodes.map(startAgent);
    const gateway = gatewayPid(stack);
    let peakRss = 0;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssBytes(gateway)); }, 100);
    try {
      // Steady state first: every agent connected, its revision-0 report accepted, and 1,000 agents'
      // start-up connections (some of them retried by TCP for seconds) settled.
      await waitFor('every agent to report revision 0', () => agents.every((a) => a.applied.has(0)), 120_000);
      await sleep(STEADY_MS);
      const cpuBefore = stackCpu(stack);
      const overflowsBefore = listenOverflows();
      const committing = performance.now();
      await commitRollout(db, operator, { versionId, selector: 'bench=edge', batchSize: AGENTS });
      const committed = performance.now();
      await waitFor('every agent to report revision 1', () => agents.every((a) => a.applied.has(1)), 120_000);
      const cpuAfter = stackCpu(stack);
      const overflows = listenOverflows() - overflowsBefore;
      const delays = agents.map((a) => a.applied.get(1)! - committed).sort((x, y) => x - y);
      const delivered = agents.map((a) => a.received.get(1)! - committed).sort((x, y) => x - y);
      process.stdout.write(`edge channel: ${AGENTS} agents (real EdgeChannel), deployment to all committed in ${((committed - committing) / 1000).toFixed(2)} s\n`);
      process.stdout.write(`desired state delivered to the agent, from the commit   ${delaySummary(delivered)}\n`);
      process.stdout.write(`desired state -> applied report, from the commit   ${delaySummary(delays)} (goal p99 < 1000 ms)\n`);
      process.stdout.write(`CPU seconds used during the rollout   gateway ${(cpuAfter.gateway - cpuBefore.gateway).toFixed(2)}   portal ${(cpuAfter.portal - cpuBefore.portal).toFixed(2)}   postgres ${postgresCpuBetween(cpuBefore.postgres, cpuAfter.postgres).toFixed(2)}   the ${AGENTS} simulated agents ${(cpuAfter.agents - cpuBefore.agents).toFixed(2)}\n`);
      process.stdout.write(`connections refused for a full listen queue during the rollout (machine-wide)   ${overflows}\n`);
      process.stdout.write(`agents' failed calls during the rollout   ${errorsSince(committing)}\n`);
      await gatewayCpu(stack);
      process.stdout.write(`gateway peak RSS with ${AGENTS} agents connected   ${(peakRss / 2 ** 20).toFixed(0)} MB (now ${(rssBytes(gateway) / 2 ** 20).toFixed(0)} MB)\n`);
    } finally {
      clearInterval(sampler);
      await Promise.all(agents.map((a) => a.channel.stop()));
    }
  });
}

async function gatewayCpu(stack: TChild): Promise<void> {
  const gateway = gatewayPid(stack);
  const before = cpuSeconds(gateway);
  const started = performance.now();
  await sleep(CPU_WINDOW_SEC * 1000);
  const used = cpuSeconds(gateway) - before;
  const elapsedSec = (performance.now() - started) / 1000;
  const heartbeatsPerSec = AGENTS / HEARTBEAT_SEC;
  const percent = (100 * used) / elapsedSec;
  const perHeartbeatUs = (1e6 * used) / elapsedSec / heartbeatsPerSec;
  process.stdout.write(`gateway CPU with ${AGENTS} agents heartbeating every ${HEARTBEAT_SEC} s   ${percent.toFixed(1)}% of one core (${CPU_WINDOW_SEC} s window, ${heartbeatsPerSec.toFixed(0)} heartbeats/s, ${perHeartbeatUs.toFixed(0)} µs of CPU per heartbeat with the long-polls; goal < 5%)\n`);
}
