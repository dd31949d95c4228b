/**
 * Delivers notifications to the callbackReference an app subscribed with: fire-and-forget, so an
 * API call never waits for a slow receiver, with a bounded retry (network errors, 429 and 5xx;
 * other answers are final) and exponential backoff. Notifications for one subscription go out in
 * order (a REMOVED never overtakes its ADDED), at most MAX_QUEUED waiting; different
 * subscriptions do not wait for each other. `close()` abandons what is still pending.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TMp1Logger } from './logger';
import { postJson } from './post-json';

export interface TNotifierOptions {
  /** Tries per notification, first included. */
  attempts?: number;
  /** Wait before the second try; doubled for each further one. */
  retryDelayMs?: number;
  /** Per try. */
  timeoutMs?: number;
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

  constructor(options: TNotifierOptions = {}, private readonly log?: TMp1Logger) {
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Queues a notification; `queue` names the subscription whose notifications stay in order. */
  send(queue: string, url: string, body: unknown): void {
    if (this.aborter.signal.aborted) return;
    const q = this.queues.get(queue) ?? { tail: Promise.resolve(), length: 0 };
    if (q.length >= MAX_QUEUED) return void this.log?.warn({ url, queue }, 'Mp1 notification dropped: too many undelivered for this subscription');
    const text = JSON.stringify(body);
    const delivery: Promise<void> = q.tail.then(() => this.deliver(url, text)).finally(() => {
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

  private async deliver(url: string, body: string): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) {
        try {
          await sleep(this.retryDelayMs * 2 ** (attempt - 2), undefined, { signal: this.aborter.signal });
        } catch {
          return;
        }
      }
      const outcome = await this.post(url, body);
      if (outcome === 'delivered' || outcome === 'closed') return;
      lastError = outcome.error;
      if (!outcome.retry) break;
    }
    this.log?.warn({ url, error: lastError }, 'Mp1 notification not delivered');
  }

  private async post(url: string, body: string): Promise<'delivered' | 'closed' | { error: string; retry: boolean }> {
    try {
      const status = await postJson(url, body, { timeoutMs: this.timeoutMs, signal: this.aborter.signal });
      if (status >= 200 && status < 300) return 'delivered';
      return { error: `HTTP ${status}`, retry: status === 429 || status >= 500 };
    } catch (e) {
      if (this.aborter.signal.aborted) return 'closed';
      return { error: (e as Error).message, retry: true };
    }
  }
}
