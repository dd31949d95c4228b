/**
 * A rule change applied at 1,000 agents through the edge gateway (issue 12, goal: p99 under 1 s
 * until every agent reported it applied). 1,000 thin agents (thin-agent.ts: the agent's own
 * PortalClient and signed tokens, real HTTP to the stack's gateway) in this process, each applying
 * its instances' rules with the memory adapter and reporting the results, as the agent does.
 * The app is first deployed to every node (a deployment, as edge-channel.bench.ts); then ROUNDS
 * rule changes (one traffic rule put on the app's instance of every node, by label selector) are
 * committed with core's applyRuleChange, as the API commits them. Per round, from the commit: p50
 * and p99 until each agent's report of the node's new revision, with its rule results, was accepted
 * by the gateway; and the change's rollout rows as they then read.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ZRuleChangeRequest, type TRuleChangeRequest } from '@mecport/contracts';
import { applyRuleChange, type TActor } from '@mecport/core';
import type { DbClient } from '@mecport/db';
import { MemoryAdapter } from '@mecport/upf-adapters';
import type { TChild } from '../scripts/lib/children';
import { withBenchDb } from './bench-db';
import { benchOperator, commitRollout, seedNodes, seedPublishedVersion, type TBenchNode } from './edge-fleet-seed';
import { gatewayUrl } from './stack';
import { gatewayPid, postgresCpuBetween, stackCpu } from './stack-cpu';
import { epochMs, ThinAgent, type TTally } from './thin-agent';
import { delaySummary, waitFor } from './timings';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_RULE_ROUNDS ?? 3);
const HEARTBEAT_SEC = 10;
const STEADY_MS = 5000;
const SELECTOR = 'bench=rules';

interface TFleetAgent { node: TBenchNode; agent: ThinAgent }

function ruleChange(appId: string, round: number): TRuleChangeRequest {
  return ZRuleChangeRequest.parse({
    selection: { kind: 'labels', selector: SELECTOR, appId },
    edits: [{ op: 'putTraffic', rule: {
      trafficRuleId: 'bench-steer', filterType: 'FLOW', priority: 10 + round, action: 'FORWARD_DECAPSULATED', state: 'ACTIVE',
      trafficFilter: [{ srcAddress: ['10.45.0.0/16'], dstAddress: ['198.51.100.0/24'], protocol: ['UDP'], dstPort: ['5000'] }],
      dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.7' },
    } }],
    note: `bench round ${round}`,
  });
}

/** Every agent has reported the revision its node is at (the deployment's, or a change's). */
async function fleetSettled(db: DbClient, fleet: TFleetAgent[]): Promise<boolean> {
  const rows = await db.edgeNode.findMany({ where: { id: { in: fleet.map((f) => f.node.id) } }, select: { id: true, desiredRevision: true } });
  const desired = new Map(rows.map((r) => [r.id, r.desiredRevision]));
  return fleet.every((f) => f.agent.applied.has(desired.get(f.node.id)!));
}

async function round(db: DbClient, stack: TChild, operator: TActor, appId: string, fleet: TFleetAgent[], n: number): Promise<void> {
  const cpuBefore = stackCpu(stack);
  const committing = epochMs();
  const changeId = await applyRuleChange(db, operator, ruleChange(appId, n));
  const committed = epochMs();
  const rows = await db.ruleChangeNode.findMany({ where: { changeId }, select: { nodeId: true, revision: true } });
  const revisionOf = new Map(rows.map((r) => [r.nodeId, r.revision]));
  const at = (f: TFleetAgent) => f.agent.applied.get(revisionOf.get(f.node.id) ?? -1);
  await waitFor(`every agent to report change ${n} applied`, () => fleet.every((f) => at(f) !== undefined), 120_000, 20);
  const cpuAfter = stackCpu(stack);
  const delays = fleet.map((f) => at(f)! - committed).sort((a, b) => a - b);
  const delivered = fleet.map((f) => f.agent.delivered.get(revisionOf.get(f.node.id)!)! - committed).sort((a, b) => a - b);
  const statuses = await db.ruleChangeNode.groupBy({ by: ['status'], where: { changeId }, _count: { _all: true } });
  process.stdout.write(`rule change ${n}: ${rows.length} nodes, committed (applyRuleChange) in ${((committed - committing) / 1000).toFixed(2)} s; rollout rows now ${statuses.map((s) => `${s.status} ${s._count._all}`).join(', ')}\n`);
  process.stdout.write(`  desired state delivered to the agent, from the commit   ${delaySummary(delivered)}\n`);
  process.stdout.write(`  rules applied (memory adapter) and reported, from the commit   ${delaySummary(delays)} (goal p99 < 1000 ms)\n`);
  process.stdout.write(`  CPU seconds   gateway ${(cpuAfter.gateway - cpuBefore.gateway).toFixed(2)}   postgres ${postgresCpuBetween(cpuBefore.postgres, cpuAfter.postgres).toFixed(2)}   this process (agents, commit) ${(cpuAfter.agents - cpuBefore.agents).toFixed(2)}\n`);
}

function failures(tally: TTally): string {
  const kinds = [...tally].filter(([key]) => !key.endsWith('|ok') && !key.endsWith('|idle')).map(([key, n]) => `${n}x ${key.split('|').slice(1).join(' ')}`);
  return kinds.length === 0 ? 'none' : kinds.join('; ');
}

export async function rulesRollout(stack: TChild): Promise<void> {
  await withBenchDb(async (db) => {
    const { tenantId, nodes } = await seedNodes(db, { count: AGENTS, tenant: { slug: 'bench-rules', name: 'Bench Rules' }, label: 'rules' });
    const versionId = await seedPublishedVersion(db, tenantId);
    const { appId } = await db.appVersion.findUniqueOrThrow({ where: { id: versionId }, select: { appId: true } });
    const operator = await benchOperator(db, 'bench-rules');
    const tally: TTally = new Map();
    const fleet = nodes.map((node) => ({
      node, agent: new ThinAgent({ node, gatewayUrl, replica: 0, heartbeatSec: HEARTBEAT_SEC, waitSec: 30, tally, heartbeatsOn: () => true, adapter: new MemoryAdapter() }),
    }));
    void gatewayPid(stack); // fails early if the stack has no gateway
    for (const f of fleet) f.agent.start();
    try {
      await waitFor('every agent to report revision 0', () => fleet.every((f) => f.agent.applied.has(0)), 120_000);
      await commitRollout(db, operator, { versionId, selector: SELECTOR, batchSize: AGENTS });
      await waitFor('the app deployed on every node', () => fleetSettled(db, fleet), 120_000, 500);
      process.stdout.write(`rules rollout: ${AGENTS} thin agents (memory adapter) with the app deployed; heartbeats every ${HEARTBEAT_SEC} s\n`);
      for (let n = 1; n <= ROUNDS; n++) {
        await sleep(STEADY_MS);
        await round(db, stack, operator, appId, fleet, n);
      }
      process.stdout.write(`  agents' failed calls   ${failures(tally)}\n`);
    } finally {
      await Promise.all(fleet.map((f) => f.agent.stop()));
    }
  });
}
