/**
 * A gateway killed (SIGKILL) in the middle of a rollout to a few hundred agents, and started again:
 * every agent converges on the newest revision, every target settles once, no instance is
 * duplicated, no report is lost. Real gateway process, real PostgreSQL, real HTTP; the agents are
 * thin simulated ones (simulated-agent.ts) with their own signed tokens.
 *
 * The kill is placed, not timed: a first group of agents has reported the rollout, a second group
 * is releasing its reports at the moment of the kill, a third holds its reports until the gateway
 * is back, so the rollout is unfinished when the gateway dies. A second rollout is committed through
 * the portal while the gateway is down: the newest revision the agents must reach.
 */
import type { TDeploymentDetail, TDesiredState } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEnrolled } from '../../../../packages/core/src/testing/edge-fixtures';
import { enrolledNodes, operatorWithToken, publishedVersions, type TOperator } from '../testing/fleet-fixtures';
import { startGateway, type TGateway } from '../testing/gateway-process';
import { startReliabilityStack, type TReliabilityStack } from '../testing/reliability-stack';
import { SimulatedAgent } from '../testing/simulated-agent';

const AGENTS = 240;
const WAIT = { timeout: 240_000, interval: 250 };

let stack: TReliabilityStack;
let gateway: TGateway | undefined;
let agents: SimulatedAgent[] = [];

beforeAll(async () => {
  stack = await startReliabilityStack();
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await gateway?.crash();
  await stack?.close();
});

/** A gate a group of agents waits at before reporting a rollout. */
function gate(): { wait(): Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { wait: () => opened, open };
}

async function deploy(operator: TOperator, appVersionId: string, nodeIds: string[]): Promise<string> {
  // One batch: every node gets the change at once, and nothing waits on the worker's safety net.
  const created = await stack.portal.call<TDeploymentDetail>('POST', '/api/v1/edge/deployments', await operator.token(), { appVersionId, target: { kind: 'nodes', nodeIds }, batchSize: nodeIds.length });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const acknowledgedAtLeast = (group: SimulatedAgent[], count: number) => group.every((a) => a.acknowledged.length >= count);

describe('a gateway killed in the middle of a rollout', () => {
  it('comes back to every agent on the newest revision, each target settled once, no instance twice, no report lost', { timeout: 600_000 }, async () => {
    const { db } = stack;
    const operator = await operatorWithToken(db, stack.issuer);
    const [first, second] = await publishedVersions(db, 2);
    const nodes: TEnrolled[] = await enrolledNodes(db, operator.actor, AGENTS);
    gateway = await startGateway(await stack.gatewaySettings());
    const url = gateway.url;

    const [gateB, gateC] = [gate(), gate()];
    const firstRollout = (d: TDesiredState) => d.appInstances.length === 1;
    agents = nodes.map((node, i) => new SimulatedAgent(node, {
      gatewayUrl: () => url,
      beforeReport: async (d) => {
        if (firstRollout(d) && i >= AGENTS * 0.7) await gateC.wait();
        else if (firstRollout(d) && i >= AGENTS * 0.4) await gateB.wait();
      },
    }));
    const [groupA, groupB] = [agents.slice(0, AGENTS * 0.4), agents.slice(AGENTS * 0.4, AGENTS * 0.7)];
    agents.forEach((a) => a.start());
    // Every agent reported its (empty) starting state and is parked on the gateway.
    await expect.poll(() => acknowledgedAtLeast(agents, 1), WAIT).toBe(true);

    const ids = nodes.map((n) => n.nodeId);
    const firstId = await deploy(operator, first!, ids);
    await expect.poll(() => acknowledgedAtLeast(groupA, 2), WAIT).toBe(true);
    gateB.open();
    await expect.poll(() => groupB.some((a) => a.acknowledged.length >= 2), { ...WAIT, interval: 5 }).toBe(true);
    await gateway.crash();

    // The rollout is unfinished: the third group has not reported it.
    expect(await db.deploymentTarget.count({ where: { deploymentId: firstId, status: 'applying' } })).toBeGreaterThanOrEqual(AGENTS * 0.3);
    await expectAcknowledgedReportsKept(ids);
    const secondId = await deploy(operator, second!, ids);
    await gateway.restart();
    gateC.open();

    await expect.poll(async () => (await db.deployment.findMany({ where: { id: { in: [firstId, secondId] } }, select: { status: true } })).map((d) => d.status), WAIT).toEqual(['succeeded', 'succeeded']);
    await expect.poll(async () => {
      const rows = await db.edgeNode.findMany({ where: { id: { in: ids } }, select: { id: true, desiredRevision: true, appliedRevision: true } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return agents.filter((a) => byId.get(a.nodeId)!.appliedRevision !== byId.get(a.nodeId)!.desiredRevision || a.acknowledged.at(-1) !== byId.get(a.nodeId)!.desiredRevision).length;
    }, WAIT).toBe(0);

    await expectConverged(operator, ids, [firstId, secondId]);
  });
});

/**
 * Every report the dead gateway acknowledged is in the database (later reports would hide a lost
 * one, so this is checked before the restart): the node's applied revision reached it, and the
 * instance it reported runs.
 */
async function expectAcknowledgedReportsKept(ids: string[]): Promise<void> {
  const nodes = await stack.db.edgeNode.findMany({ where: { id: { in: ids } }, select: { id: true, appliedRevision: true } });
  const applied = new Map(nodes.map((n) => [n.id, n.appliedRevision]));
  const running = new Set((await stack.db.appInstance.findMany({ where: { nodeId: { in: ids }, state: 'RUNNING' }, select: { nodeId: true } })).map((i) => i.nodeId));
  const reportedTheRollout = agents.filter((a) => a.acknowledged.length >= 2);
  expect(reportedTheRollout.length).toBeGreaterThanOrEqual(AGENTS * 0.4);
  expect(agents.filter((a) => applied.get(a.nodeId)! < (a.acknowledged.at(-1) ?? -1)).map((a) => a.nodeId)).toEqual([]);
  expect(reportedTheRollout.filter((a) => !running.has(a.nodeId)).map((a) => a.nodeId)).toEqual([]);
}

async function expectConverged(operator: TOperator, ids: string[], deploymentIds: string[]): Promise<void> {
  const { db } = stack;
  // No report lost: what each agent last had acknowledged is what the database holds; revisions only grew.
  for (const agent of agents) {
    expect(agent.acknowledged).toEqual([...new Set(agent.acknowledged)].sort((a, b) => a - b));
  }
  // No instance twice: one per node and app, running.
  const instances = await db.appInstance.findMany({ where: { nodeId: { in: ids } }, select: { id: true, nodeId: true, deploymentId: true, state: true, removedAt: true } });
  expect(instances).toHaveLength(2 * ids.length);
  expect(instances.every((i) => i.state === 'RUNNING' && i.removedAt === null)).toBe(true);
  const instanceOf = new Map(instances.map((i) => [`${i.deploymentId}:${i.nodeId}`, i.id]));
  expect(instanceOf.size).toBe(2 * ids.length);
  // Every target settled once: one row per node, succeeded, naming that node's one instance.
  for (const deploymentId of deploymentIds) {
    const answer = await stack.portal.call<TDeploymentDetail>('GET', `/api/v1/edge/deployments/${deploymentId}`, await operator.token());
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('succeeded');
    expect(answer.body.targets).toHaveLength(ids.length);
    expect(new Set(answer.body.targets.map((t) => t.nodeId))).toEqual(new Set(ids));
    for (const target of answer.body.targets) {
      expect(target.status).toBe('succeeded');
      expect(target.appInstanceId).toBe(instanceOf.get(`${deploymentId}:${target.nodeId}`));
    }
  }
}
