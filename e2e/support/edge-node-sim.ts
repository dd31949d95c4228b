/**
 * The agent's side of the edge channel, played by the test: read the node's desired state, report
 * what "happened" to each app instance, send heartbeats and log tails, exactly the calls and
 * bodies the MEP agent makes (signed with the node's own key, see agent.ts). UI tests use it to
 * decide what a node reports (RUNNING, FAILED, CRASH_LOOP, a digest mismatch) without running
 * apps; the real agent (apps/mep-agent) is tested on its own.
 *
 * @example
 *   const node = await simulatedNode(request);
 *   // … the operator deploys to node.nodeId …
 *   await node.applyAll('RUNNING');           // the node ran every instance it was asked to
 */
import type { TDesiredState, TInstanceState, TInstanceStatus } from '@mecport/contracts';
import { expect, type APIRequestContext } from '@playwright/test';
import { enrolTestAgent, type TTestAgent } from './agent';
import { call } from './auth-matrix';

type TStatusExtra = Partial<Omit<TInstanceStatus, 'appInstanceId' | 'state'>>;

// 2 ** 30, not 1 << 30: a shift is 32-bit (8 << 30 is 0, 10 << 30 negative), which the heartbeat schema refuses.
const GIB = 2 ** 30;
const METRICS = { cpuPercent: 12, memUsedBytes: GIB, memTotalBytes: 8 * GIB, diskUsedBytes: 10 * GIB, diskTotalBytes: 100 * GIB, load1: 0.2, load5: 0.1, load15: 0.1 };

export class SimulatedNode {
  constructor(private readonly request: APIRequestContext, readonly agent: TTestAgent) {}

  get nodeId(): string { return this.agent.nodeId; }

  private async post(suffix: string, body: unknown): Promise<void> {
    const response = await call(this.request, { method: 'POST', path: `/api/v1/edge/nodes/${this.nodeId}/${suffix}`, body }, await this.agent.token());
    expect(response.status(), `${suffix}: ${await response.text()}`).toBe(204);
  }

  /** The node's desired state now (no long-poll: the test decides when the node looks). */
  async desired(): Promise<TDesiredState> {
    const response = await call(this.request, { method: 'GET', path: `/api/v1/edge/nodes/${this.nodeId}/desired?after=-1&waitSec=0` }, await this.agent.token());
    expect(response.status()).toBe(200);
    return (await response.json()) as TDesiredState;
  }

  /** Reports the desired state's revision as applied, with these instance states (instances left out are gone from the node). */
  async report(revision: number, instances: TInstanceStatus[], outcome: 'applied' | 'failed' = 'applied'): Promise<void> {
    await this.post('report', { appliedRevision: revision, outcome, message: outcome === 'failed' ? 'simulated failure' : null, instances });
  }

  /**
   * Reads the desired state and reports every instance in it in `state` (a FAILED report is the
   * revision failing); returns that desired state.
   */
  async applyAll(state: TInstanceState, extra: TStatusExtra = {}): Promise<TDesiredState> {
    const desired = await this.desired();
    const instances = desired.appInstances.map((i) => ({ appInstanceId: i.appInstanceId, state, restarts: 0, ready: state === 'RUNNING', message: null, digestMismatch: false, ...extra }));
    await this.report(desired.revision, instances, state === 'FAILED' ? 'failed' : 'applied');
    return desired;
  }

  async heartbeat(instances: TInstanceStatus[] = []): Promise<void> {
    const desired = await this.desired();
    await this.post('heartbeat', { agentVersion: 'e2e-sim', appliedRevision: desired.revision, metrics: METRICS, instances, services: [] });
  }

  async logs(appInstanceId: string, lines: string[]): Promise<void> {
    await this.post('logs', { appInstanceId, lines });
  }
}

export async function simulatedNode(request: APIRequestContext, operator = 'operator'): Promise<SimulatedNode> {
  return new SimulatedNode(request, await enrolTestAgent(request, operator));
}

/** The node name the API gave it (the test agent's nodes are named `e2e-node-<random>`). */
export async function nodeName(request: APIRequestContext, token: string, nodeId: string): Promise<string> {
  const response = await call(request, { method: 'GET', path: `/api/v1/edge/nodes/${nodeId}` }, token);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { node: { name: string } }).node.name;
}
