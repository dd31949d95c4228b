/**
 * A thin simulated agent for the scale benchmark: the calls the MEP agent makes on its edge channel,
 * through the agent's own PortalClient (real HTTP, its request bodies and headers) and TokenSigner
 * (a real EdDSA token, reused until close to expiry), and nothing else. Thousands run in one process:
 *
 * - long-poll the desired state; a newer revision is "applied" at once and reported, the report
 *   re-sent until the gateway takes it (reports are idempotent);
 * - a heartbeat every interval (±10 %, as the agent), the first one at a random point of the first interval; one that fails is
 *   dropped and the next goes after the interval, as the agent does;
 * - any failed call waits the agent's own backoff (retryDelay: `Retry-After` first) and is counted.
 *
 * Its own keep-alive pool of at most two sockets, as one node would hold: the parked long-poll and
 * one for the short calls (a report behind a heartbeat waits for it rather than open a third).
 *
 * @example const agent = new ThinAgent({ node, gatewayUrl, replica: 0, heartbeatSec: 60, waitSec: 30, tally }); agent.start(); …; await agent.stop();
 */
import { createPrivateKey } from 'node:crypto';
import http from 'node:http';
import type { TDesiredState, TInstanceStatus, TRuleResult } from '@mecport/contracts';
import type { TUpfAdapter } from '@mecport/upf-adapters';
import { Backoff, sleep } from '../apps/mep-agent/src/channel/backoff';
import { PortalClient, PortalError } from '../apps/mep-agent/src/channel/portal-client';
import { retryDelay } from '../apps/mep-agent/src/channel/retry-delay';
import { TokenSigner } from '../apps/mep-agent/src/channel/token-signer';
import type { TBenchNode } from './edge-fleet-seed';

/** Counts of calls by replica, route and outcome (`ok`, `idle` for a long-poll that ended empty, or why it failed). */
export type TTally = Map<string, number>;

export const tallyKey = (replica: number, route: string, outcome: string) => `${replica}|${route}|${outcome}`;

export interface TThinAgentOptions {
  node: TBenchNode;
  gatewayUrl: string;
  /** Which gateway replica it talks to (its index, for the tally). */
  replica: number;
  heartbeatSec: number;
  waitSec: number;
  tally: TTally;
  /** Heartbeats pause while this is false (the benchmark's window with long-polls alone). */
  heartbeatsOn: () => boolean;
  /** Applies each instance's rules here before reporting, the results in the report (as the agent does); none: no ruleResults. */
  adapter?: TUpfAdapter;
}

const METRICS = { cpuPercent: 3, memUsedBytes: 2e9, memTotalBytes: 8e9, diskUsedBytes: 2e10, diskTotalBytes: 1e11, load1: 0.2, load5: 0.2, load15: 0.1 };
const HEARTBEAT_JITTER = 0.1;

/** Milliseconds since the epoch, sub-millisecond and comparable between processes (unlike performance.now()). */
export const epochMs = () => performance.timeOrigin + performance.now();

export class ThinAgent {
  /** When each revision arrived, and when its report was acknowledged (epoch ms). */
  readonly delivered = new Map<number, number>();
  readonly applied = new Map<number, number>();
  /** A long-poll is in flight (parked on the gateway, most of the time). */
  polling = false;
  private readonly client: PortalClient;
  private readonly pool = new http.Agent({ keepAlive: true, maxSockets: 2 });
  private readonly stopping = new AbortController();
  private instances: TInstanceStatus[] = [];
  private appliedRevision = -1;
  private loops: Promise<void>[] = [];

  constructor(private readonly options: TThinAgentOptions) {
    const { node } = options;
    const signer = new TokenSigner(createPrivateKey(node.key), { nodeId: node.id, credentialId: node.credentialId });
    this.client = new PortalClient({ portalUrl: options.gatewayUrl, nodeId: node.id, signer, httpAgent: this.pool });
  }

  get replica(): number {
    return this.options.replica;
  }

  start(): void {
    this.loops = [this.pollLoop(), this.heartbeatLoop()];
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
    this.pool.destroy();
  }

  private count(route: string, outcome: string): void {
    const key = tallyKey(this.options.replica, route, outcome);
    this.options.tally.set(key, (this.options.tally.get(key) ?? 0) + 1);
  }

  /** Counts a failure; false when the agent is stopping (the failure is the stop's abort). */
  private failed(route: string, error: unknown): boolean {
    if (this.stopping.signal.aborted) return false;
    this.count(route, failureKind(error));
    return true;
  }

  private async pollLoop(): Promise<void> {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30_000 });
    let after = -1;
    while (!this.stopping.signal.aborted) {
      let document: TDesiredState | undefined;
      this.polling = true;
      try {
        document = await this.client.desired({ after, waitSec: this.options.waitSec }, this.stopping.signal);
      } catch (error) {
        this.polling = false;
        if (!this.failed('desired', error)) return;
        await sleep(retryDelay(error, backoff, Math).ms, this.stopping.signal);
        continue;
      }
      this.polling = false;
      backoff.reset();
      this.count('desired', document ? 'ok' : 'idle');
      if (document && document.revision > after) {
        after = document.revision;
        this.delivered.set(document.revision, epochMs());
        void this.reportApplied(document); // the agent polls on while it applies and reports
      }
    }
  }

  private async applyRules(document: TDesiredState): Promise<TRuleResult[] | undefined> {
    const { adapter } = this.options;
    if (!adapter) return undefined;
    const results = await Promise.all(document.appInstances.map((i) => adapter.apply({ appInstanceId: i.appInstanceId, trafficRules: i.trafficRules, dnsRules: i.dnsRules })));
    return results.flat();
  }

  private async reportApplied(document: TDesiredState): Promise<void> {
    const instances = document.appInstances.map((i): TInstanceStatus => ({ appInstanceId: i.appInstanceId, state: 'RUNNING', restarts: 0, ready: true, message: null, digestMismatch: false }));
    const ruleResults = await this.applyRules(document);
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30_000 });
    while (!this.stopping.signal.aborted) {
      try {
        await this.client.report({ appliedRevision: document.revision, outcome: 'applied', message: null, instances, ...(ruleResults ? { ruleResults } : {}) }, this.stopping.signal);
        this.count('report', 'ok');
        this.applied.set(document.revision, epochMs());
        this.appliedRevision = document.revision;
        this.instances = instances;
        return;
      } catch (error) {
        if (!this.failed('report', error)) return;
        await sleep(retryDelay(error, backoff, Math).ms, this.stopping.signal);
      }
    }
  }

  private intervalMs(): number {
    return this.options.heartbeatSec * 1000 * (1 - HEARTBEAT_JITTER + 2 * HEARTBEAT_JITTER * Math.random());
  }

  private async heartbeatLoop(): Promise<void> {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30_000 });
    // The first one after a random part of the interval: a fleet's heartbeats are spread over the
    // interval, not bunched by when the benchmark started its agents (the seeded nodes start online).
    await sleep(Math.random() * this.options.heartbeatSec * 1000, this.stopping.signal);
    while (!this.stopping.signal.aborted) {
      if (this.options.heartbeatsOn()) {
        try {
          await this.client.heartbeat({ agentVersion: 'bench', appliedRevision: this.appliedRevision, metrics: METRICS, instances: this.instances, services: [] }, this.stopping.signal);
          this.count('heartbeat', 'ok');
          backoff.reset();
        } catch (error) {
          if (!this.failed('heartbeat', error)) return;
          await sleep(Math.max(this.intervalMs(), retryDelay(error, backoff, Math).ms), this.stopping.signal);
          continue;
        }
      }
      await sleep(this.intervalMs(), this.stopping.signal);
    }
  }
}

/** A failure as a short kind to count: the status a gateway answered, or the socket error's code. */
function failureKind(error: unknown): string {
  if (error instanceof PortalError) return String(error.status);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return (error as Error).message.replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 60);
}
