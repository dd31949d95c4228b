/**
 * A thin simulated agent for the reliability tests: real HTTP and real signed tokens, the calls the
 * MEP agent makes (long-poll the desired state, apply it, report it), nothing else. It keeps going
 * through a gateway's death the way the real agent does: any failed call is retried after a
 * jittered pause, and a report is re-sent until the gateway acknowledges it (reports are idempotent).
 * It records every report the gateway acknowledged, so a test can tell a lost one.
 */
import type { TDesiredState } from '@mecport/contracts';
import type { TEnrolled } from '../../../../packages/core/src/testing/edge-fixtures';

export interface TSimulatedAgentOptions {
  /** The gateway it talks to (read on every call: a test may move it). */
  gatewayUrl(): string;
  /** Held before each report of a desired state with app instances (a test's way to delay some nodes). */
  beforeReport?(desired: TDesiredState): Promise<void>;
  waitSec?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = () => pause(200 + Math.random() * 800);

export class SimulatedAgent {
  /** Revisions the gateway acknowledged a report of (204), in order. */
  readonly acknowledged: number[] = [];
  /** Reports sent (each attempt), to tell that one was in flight. */
  attempts = 0;
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(readonly node: TEnrolled, private readonly options: TSimulatedAgentOptions) {}

  get nodeId(): string { return this.node.nodeId; }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  private async call(method: string, suffix: string, body?: unknown): Promise<Response> {
    return fetch(`${this.options.gatewayUrl()}/api/v1/edge/nodes/${this.nodeId}/${suffix}`, {
      method, signal: this.abort.signal,
      headers: { authorization: `Bearer ${await this.node.sign()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async run(): Promise<void> {
    let after = -1;
    while (!this.stopped) {
      try {
        const response = await this.call('GET', `desired?after=${after}&waitSec=${this.options.waitSec ?? 20}`);
        if (response.status === 204) continue;
        if (response.status !== 200) throw new Error(`desired: ${response.status}`);
        const desired = (await response.json()) as TDesiredState;
        if (desired.appInstances.length > 0) await this.options.beforeReport?.(desired);
        await this.reportUntilAcknowledged(desired);
        after = desired.revision;
      } catch {
        if (!this.stopped) await jitter();
      }
    }
  }

  private async reportUntilAcknowledged(desired: TDesiredState): Promise<void> {
    const instances = desired.appInstances.map((i) => ({ appInstanceId: i.appInstanceId, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false }));
    const body = { appliedRevision: desired.revision, outcome: 'applied', message: null, instances };
    while (!this.stopped) {
      this.attempts += 1;
      const status = await this.call('POST', 'report', body).then(async (r) => { await r.body?.cancel(); return r.status; }, () => 0);
      if (status === 204) { this.acknowledged.push(desired.revision); return; }
      await jitter();
    }
  }
}
