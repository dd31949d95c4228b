/**
 * Delivers notifications to the callbackReference an app subscribed with: fire-and-forget, so an
 * API call never waits for a slow receiver, with a bounded retry (network errors, timeouts, 429
 * and 5xx; other answers are final) and exponential backoff. Every try is judged by the callback
 * policy again (names are resolved again and the checked address is the one connected to), never
 * follows a redirect (a 3xx is final), and is bounded in time and answer size. Notifications for
 * one subscription go out in order (a REMOVED never overtakes its ADDED), at most MAX_QUEUED
 * waiting; different subscriptions do not wait for each other. `close()` abandons what is pending.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ResponseTooLargeError, sendChecked, UrlRefusedError, type TLookup, type TUrlPolicy } from '@mecport/url-policy';
import type { TMp1Logger } from './logger';

export interface TNotifierOptions {
  /** Tries per notification, first included. */
  attempts?: number;
  /** Wait before the second try; doubled for each further one. */
  retryDelayMs?: number;
  /** Per try, for the whole exchange (resolve, connect, answer). */
  timeoutMs?: number;
  /** A longer answer cuts the try off; default 64 KiB (a receiver owes the MEP no body at all). */
  maxResponseBytes?: number;
  /** Name resolution for the send-time check; default the system's. */
  lookup?: TLookup;
}

/** Past this many undelivered notifications for one subscription (a dead receiver), new ones are dropped. */
export const MAX_QUEUED = 100;

export class Notifier {
  private readonly inflight = new Set<Promise<void>>();
  private readonly queues = new Map<string, { tail: Promise<void>; length: number }>();
  private readonly aborter = new AbortController();
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: TNotifierOptions = {}, private readonly log?: TMp1Logger) {
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
  }

  /**
   * Queues a notification; `queue` names the subscription whose notifications stay in order;
   * `policy` is asked at every try where the callback may go.
   */
  send(queue: string, url: string, body: unknown, policy: () => TUrlPolicy): void {
    if (this.aborter.signal.aborted) return;
    const q = this.queues.get(queue) ?? { tail: Promise.resolve(), length: 0 };
    if (q.length >= MAX_QUEUED) return void this.log?.warn({ url, queue }, 'Mp1 notification dropped: too many undelivered for this subscription');
    const text = JSON.stringify(body);
    const delivery: Promise<void> = q.tail.then(() => this.deliver(url, text, policy)).finally(() => {
      this.inflight.delete(delivery);
      if (--q.length === 0) this.queues.delete(queue);
    });
    q.tail = delivery;
    q.length++;
    this.queues.set(queue, q);
    this.inflight.add(delivery);
  }

  /** Resolves when every notification sent so far has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  async close(): Promise<void> {
    this.aborter.abort();
    await this.idle();
  }

  private async deliver(url: string, body: string, policy: () => TUrlPolicy): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) {
        try {
          await sleep(this.retryDelayMs * 2 ** (attempt - 2), undefined, { signal: this.aborter.signal });
        } catch {
          return;
        }
      }
      const outcome = await this.post(url, body, policy());
      if (outcome === 'delivered' || outcome === 'closed') return;
      lastError = outcome.error;
      if (!outcome.retry) break;
    }
    this.log?.warn({ url, error: lastError }, 'Mp1 notification not delivered');
  }

  private async post(url: string, body: string, policy: TUrlPolicy): Promise<'delivered' | 'closed' | { error: string; retry: boolean }> {
    try {
      const { status } = await sendChecked(url, {
        method: 'POST', body, headers: { 'content-type': 'application/json' }, policy,
        timeoutMs: this.timeoutMs, maxResponseBytes: this.maxResponseBytes, signal: this.aborter.signal, lookup: this.options.lookup,
      });
      if (status >= 200 && status < 300) return 'delivered';
      if (status >= 300 && status < 400) return { error: `HTTP ${status}: redirects are not followed`, retry: false };
      return { error: `HTTP ${status}`, retry: status === 429 || status >= 500 };
    } catch (e) {
      if (this.aborter.signal.aborted) return 'closed';
      // A refused callback or an oversized answer will be the same on the next try.
      if (e instanceof UrlRefusedError) return { error: e.message, retry: false };
      if (e instanceof ResponseTooLargeError) return { error: e.message, retry: false };
      return { error: (e as Error).message, retry: true };
    }
  }
}
