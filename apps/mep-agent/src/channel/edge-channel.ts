/**
 * One node's edge channel: the long-poll on the desired state (resuming after the newest
 * revision the agent holds), heartbeats every `heartbeatIntervalSec`, delivery of the latest
 * apply report, and log tails. It never gives up on an unreachable portal (backoff with
 * jitter); a 401 stops it for good in state `revoked`, leaving the apps to the agent.
 *
 * Overload without a storm: a 503 or 429 with `Retry-After` is waited out (with jitter, and not
 * cut short when another call succeeds), repeated failures back off exponentially, log pushes
 * hold off meanwhile, and a heartbeat that fails or times out is never sent again: the next one,
 * with fresh figures, goes after the interval (or the longer backoff). Reports are idempotent and
 * are retried until the portal takes them; so are the rule states apps switched through Mp1
 * (`ruleStates`), which a portal that refuses them for good (a 4xx other than 408/429) drops.
 *
 * It holds no process-wide state, so a load test runs 1,000 of them in one process.
 *
 * @example
 *   const channel = new EdgeChannel({ client, after: 4, heartbeatIntervalSec: 10, agentVersion,
 *     onDesired: (doc) => agent.accept(doc), heartbeat: () => agent.heartbeat() });
 *   channel.start(); channel.report(report); await channel.stop();
 */
import type { TDesiredState, THeartbeat, TInstanceLogTail, TNodeReport, TRuleStateReport } from '@mecport/contracts';
import { silentLogger, type TLogger } from '../log';
import { Backoff, sleep } from './backoff';
import { CredentialsRevokedError, PortalError, type PortalClient } from './portal-client';
import { retryAfterOf, retryDelay, type TRetryDelay } from './retry-delay';

export type TChannelState = 'connecting' | 'online' | 'offline' | 'revoked';

/** Time and chance, injectable so that tests assert the waits instead of sitting through them. */
export interface TChannelClock {
  /** Resolves after `ms`, or at once when the signal aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
}

const realClock: TChannelClock = { sleep, now: Date.now, random: Math.random };

/** Each heartbeat interval varies by up to ±10 %, so a fleet started together does not beat in lockstep. */
const HEARTBEAT_JITTER = 0.1;

type TOutcome = { ok: true } | { ok: false; error: unknown };

type TRuleStateChange = TRuleStateReport['changes'][number];

/** Where the channel takes the rule states to send (the agent keeps them crash-safely). */
export interface TRuleStateOutbox {
  /** Changes not yet taken, oldest first. */
  pending(): readonly TRuleStateChange[];
  /** The portal took `sent` (or refused them for good: `refused`); `ruleSetVersion` when it said which version carries them. */
  settled(sent: readonly TRuleStateChange[], outcome: { ruleSetVersion?: number; refused?: string }): Promise<void>;
}

/** At most this many changes per call (ZRuleStateReport's limit). */
const RULE_STATES_PER_CALL = 1000;

/** A refusal that trying again cannot change (the portal does not know the rule, or has no such route). */
function refusedForGood(error: unknown): boolean {
  return error instanceof PortalError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

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
  clock?: TChannelClock;
  /** Rule states to deliver (POST /api/v1/edge/rule-states), retried like reports. */
  ruleStates?: TRuleStateOutbox;
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
  private ruleStateKick: (() => void) | undefined;
  private loops: Promise<void>[] = [];
  private readonly log: TLogger;
  private readonly clock: TChannelClock;
  /** Until when the portal asked not to be called (its latest `Retry-After`); log pushes wait for it. */
  private quietUntil = 0;

  constructor(private readonly options: TEdgeChannelOptions) {
    this.revision = options.after;
    this.heartbeatSec = options.heartbeatIntervalSec;
    this.log = options.log ?? silentLogger;
    this.clock = options.clock ?? realClock;
  }

  get state(): TChannelState {
    return this.current;
  }

  /** The newest revision received. */
  get after(): number {
    return this.revision;
  }

  start(): void {
    this.loops = [this.pollLoop(), this.heartbeatLoop(), this.reportLoop(), ...(this.options.ruleStates ? [this.ruleStateLoop(this.options.ruleStates)] : [])];
  }

  /** Stops every loop; in-flight calls are aborted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.reportKick?.();
    this.ruleStateKick?.();
    await Promise.all(this.loops);
  }

  /** Delivers `report` as soon as the portal takes it; a newer report replaces an undelivered one. */
  report(report: TNodeReport): void {
    this.pendingReport = report;
    this.reportKick?.();
  }

  /** New rule states are in the outbox: send them now. */
  kickRuleStates(): void {
    this.ruleStateKick?.();
  }

  /** Best effort: false when the portal did not take it (the caller tries again later). */
  async pushLogs(tail: TInstanceLogTail): Promise<boolean> {
    if (this.clock.now() < this.quietUntil) return false;
    const outcome = await this.attempt('logs', () => this.options.client.logs(tail, this.stopping.signal));
    if (!outcome.ok) this.noteRetryAfter(outcome.error);
    return outcome.ok;
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
        await this.pause(retryDelay(error, backoff, this.clock));
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

  /**
   * One heartbeat per interval, each with the figures of its moment. One that fails (a refusal, a
   * timeout, no connection) is dropped, not sent again: the next one replaces it, after the
   * interval or, while the portal keeps failing, the longer backoff (or its `Retry-After`).
   */
  private async heartbeatLoop(): Promise<void> {
    const backoff = this.newBackoff();
    while (!this.stopping.signal.aborted) {
      const outcome = await this.attempt('heartbeat', async () => {
        const body = await this.options.heartbeat();
        await this.options.client.heartbeat({ ...body, agentVersion: this.options.agentVersion }, this.stopping.signal);
      });
      if (outcome.ok) {
        backoff.reset();
        await this.clock.sleep(this.heartbeatMs(), this.stopping.signal);
        continue;
      }
      if (this.current === 'revoked') return;
      const delay = retryDelay(outcome.error, backoff, this.clock);
      await this.pause({ ms: Math.max(delay.ms, this.heartbeatMs()), binding: delay.binding });
    }
  }

  private heartbeatMs(): number {
    return Math.round(this.heartbeatSec * 1000 * (1 - HEARTBEAT_JITTER + 2 * HEARTBEAT_JITTER * this.clock.random()));
  }

  private async reportLoop(): Promise<void> {
    const backoff = this.newBackoff();
    while (!this.stopping.signal.aborted) {
      const report = this.pendingReport;
      if (!report) {
        await new Promise<void>((resolve) => (this.reportKick = resolve));
        continue;
      }
      const outcome = await this.attempt('report', () => this.options.client.report(report, this.stopping.signal));
      if (outcome.ok) {
        if (this.pendingReport === report) this.pendingReport = undefined;
        backoff.reset();
      } else if (this.current === 'revoked') {
        return;
      } else {
        await this.pause(retryDelay(outcome.error, backoff, this.clock));
      }
    }
  }

  private async ruleStateLoop(outbox: TRuleStateOutbox): Promise<void> {
    const backoff = this.newBackoff();
    while (!this.stopping.signal.aborted) {
      // One instance per call: the portal refuses a call whole (404 for an instance it no longer
      // knows), and that must not drop another instance's switches.
      const pending = outbox.pending();
      const batch = pending.filter((c) => c.appInstanceId === pending[0]?.appInstanceId).slice(0, RULE_STATES_PER_CALL);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => (this.ruleStateKick = resolve));
        continue;
      }
      let answer: { ruleSetVersion?: number } = {};
      const outcome = await this.attempt('rule states', async () => {
        answer = await this.options.client.ruleStates({ changes: [...batch] }, this.stopping.signal);
      });
      if (outcome.ok) {
        backoff.reset();
        await outbox.settled(batch, answer);
      } else if (this.current === 'revoked' || this.stopping.signal.aborted) {
        return;
      } else if (refusedForGood(outcome.error)) {
        this.log.error('the portal refused rule states for good; dropping them', { error: (outcome.error as Error).message, changes: batch.length });
        await outbox.settled(batch, { refused: (outcome.error as Error).message });
      } else {
        await this.pause(retryDelay(outcome.error, backoff, this.clock));
      }
    }
  }

  /** Runs one call, keeping the state up to date. */
  private async attempt(what: string, call: () => Promise<void>): Promise<TOutcome> {
    try {
      await call();
      this.succeeded();
      return { ok: true };
    } catch (error) {
      this.failed(what, error);
      return { ok: false, error };
    }
  }

  /**
   * Waits before a retry. The portal coming back (another call succeeding) ends the wait early,
   * unless the portal itself asked for it (`Retry-After`): then only a stop does.
   */
  private async pause(delay: TRetryDelay): Promise<void> {
    if (delay.binding) this.quietUntil = Math.max(this.quietUntil, this.clock.now() + delay.ms);
    await this.clock.sleep(delay.ms, delay.binding ? this.stopping.signal : AbortSignal.any([this.stopping.signal, this.wake.signal]));
  }

  private noteRetryAfter(error: unknown): void {
    const ms = retryAfterOf(error);
    if (ms !== undefined) this.quietUntil = Math.max(this.quietUntil, this.clock.now() + ms);
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
    const busy = retryAfterOf(error) !== undefined;
    if (this.current !== 'offline') this.log.warn(busy ? 'the portal is overloaded; retrying when it asked, with jitter' : refused ? 'the portal refused a call; retrying' : 'portal unreachable, keeping the apps running and retrying', { error: message });
    this.setState('offline', message);
    return true;
  }

  private setState(state: TChannelState, message: string | null): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState?.(state, message);
  }

  private newBackoff(): Backoff {
    return new Backoff({ ...(this.options.backoff ?? { baseMs: 1000, maxMs: 30_000 }), random: () => this.clock.random() });
  }
}
