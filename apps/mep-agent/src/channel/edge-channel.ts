/**
 * One node's edge channel: the long-poll on the desired state (resuming after the newest
 * revision the agent holds), heartbeats every `heartbeatIntervalSec`, delivery of the latest
 * apply report, and log tails. It never gives up on an unreachable portal (backoff with
 * jitter); a 401 stops it for good in state `revoked`, leaving the apps to the agent.
 *
 * It holds no process-wide state, so a load test runs 1,000 of them in one process.
 *
 * @example
 *   const channel = new EdgeChannel({ client, after: 4, heartbeatIntervalSec: 10, agentVersion,
 *     onDesired: (doc) => agent.accept(doc), heartbeat: () => agent.heartbeat() });
 *   channel.start(); channel.report(report); await channel.stop();
 */
import type { TDesiredState, THeartbeat, TInstanceLogTail, TNodeReport } from '@mecport/contracts';
import { silentLogger, type TLogger } from '../log';
import { Backoff, sleep } from './backoff';
import { CredentialsRevokedError, PortalError, type PortalClient } from './portal-client';

export type TChannelState = 'connecting' | 'online' | 'offline' | 'revoked';

export interface TEdgeChannelOptions {
  client: PortalClient;
  /** The newest revision the agent already holds; the long-poll asks for a newer one. */
  after: number;
  heartbeatIntervalSec: number;
  agentVersion: string;
  /** A newer document arrived. Keep it short (store it, queue the apply): polling waits for it. */
  onDesired(document: TDesiredState): Promise<void> | void;
  /** The heartbeat to send now, without agentVersion. */
  heartbeat(): Promise<Omit<THeartbeat, 'agentVersion'>>;
  onState?(state: TChannelState, message: string | null): void;
  /** How long the portal may hold a long-poll (default 30 s). */
  waitSec?: number;
  backoff?: { baseMs: number; maxMs: number };
  log?: TLogger;
}

export class EdgeChannel {
  private current: TChannelState = 'connecting';
  private revision: number;
  private heartbeatSec: number;
  private readonly stopping = new AbortController();
  /** Aborted (and replaced) when the portal answers again, to cut short the other loops' waits. */
  private wake = new AbortController();
  private pendingReport: TNodeReport | undefined;
  private reportKick: (() => void) | undefined;
  private loops: Promise<void>[] = [];
  private readonly log: TLogger;

  constructor(private readonly options: TEdgeChannelOptions) {
    this.revision = options.after;
    this.heartbeatSec = options.heartbeatIntervalSec;
    this.log = options.log ?? silentLogger;
  }

  get state(): TChannelState {
    return this.current;
  }

  /** The newest revision received. */
  get after(): number {
    return this.revision;
  }

  start(): void {
    this.loops = [this.pollLoop(), this.heartbeatLoop(), this.reportLoop()];
  }

  /** Stops every loop; in-flight calls are aborted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.reportKick?.();
    await Promise.all(this.loops);
  }

  /** Delivers `report` as soon as the portal takes it; a newer report replaces an undelivered one. */
  report(report: TNodeReport): void {
    this.pendingReport = report;
    this.reportKick?.();
  }

  /** Best effort: false when the portal did not take it (the caller tries again later). */
  async pushLogs(tail: TInstanceLogTail): Promise<boolean> {
    return this.attempt('logs', () => this.options.client.logs(tail, this.stopping.signal));
  }

  private async pollLoop(): Promise<void> {
    const backoff = this.newBackoff();
    const waitSec = this.options.waitSec ?? 30;
    while (!this.stopping.signal.aborted) {
      let document: TDesiredState | undefined;
      try {
        document = await this.options.client.desired({ after: this.revision, waitSec }, this.stopping.signal);
      } catch (error) {
        if (!this.failed('desired state', error)) return;
        await sleep(backoff.next(), AbortSignal.any([this.stopping.signal, this.wake.signal]));
        continue;
      }
      this.succeeded();
      backoff.reset();
      if (document && document.revision > this.revision) {
        this.revision = document.revision;
        this.heartbeatSec = document.heartbeatIntervalSec;
        await this.options.onDesired(document);
      }
    }
  }

  private async heartbeatLoop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const ok = await this.attempt('heartbeat', async () => {
        const body = await this.options.heartbeat();
        await this.options.client.heartbeat({ ...body, agentVersion: this.options.agentVersion }, this.stopping.signal);
      });
      if (!ok && this.current === 'revoked') return;
      await sleep(this.heartbeatSec * 1000, this.stopping.signal);
    }
  }

  private async reportLoop(): Promise<void> {
    const backoff = this.newBackoff();
    while (!this.stopping.signal.aborted) {
      const report = this.pendingReport;
      if (!report) {
        await new Promise<void>((resolve) => (this.reportKick = resolve));
        continue;
      }
      const ok = await this.attempt('report', () => this.options.client.report(report, this.stopping.signal));
      if (ok) {
        if (this.pendingReport === report) this.pendingReport = undefined;
        backoff.reset();
      } else if (this.current === 'revoked') {
        return;
      } else {
        await sleep(backoff.next(), AbortSignal.any([this.stopping.signal, this.wake.signal]));
      }
    }
  }

  /** Runs one call, keeping the state up to date; true when it succeeded. */
  private async attempt(what: string, call: () => Promise<void>): Promise<boolean> {
    try {
      await call();
      this.succeeded();
      return true;
    } catch (error) {
      this.failed(what, error);
      return false;
    }
  }

  private succeeded(): void {
    if (this.current === 'online' || this.current === 'revoked') return;
    this.setState('online', null);
    this.wake.abort();
    this.wake = new AbortController();
  }

  /** Records a failure; false when the channel must stop (stopped or revoked). */
  private failed(what: string, error: unknown): boolean {
    if (this.stopping.signal.aborted || this.current === 'revoked') return false;
    if (error instanceof CredentialsRevokedError) {
      this.setState('revoked', error.message);
      this.stopping.abort();
      this.reportKick?.();
      return false;
    }
    const message = `${what}: ${(error as Error).message}`;
    const refused = error instanceof PortalError; // it answered, with an error status
    if (this.current !== 'offline') this.log.warn(refused ? 'the portal refused a call; retrying' : 'portal unreachable, keeping the apps running and retrying', { error: message });
    this.setState('offline', message);
    return true;
  }

  private setState(state: TChannelState, message: string | null): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState?.(state, message);
  }

  private newBackoff(): Backoff {
    return new Backoff(this.options.backoff ?? { baseMs: 1000, maxMs: 30_000 });
  }
}
