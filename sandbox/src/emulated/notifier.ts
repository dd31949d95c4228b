/**
 * The one sender of the emulated services' notifications. `send` never blocks the engine: it
 * puts the notification on a bounded queue and returns; a few workers POST from it, each with a
 * deadline, never following a redirect, only to callbacks the site's URL policy allows (the
 * app's side of the sandbox), through `@mecport/url-policy`'s `sendChecked`. A full queue drops
 * the newest and counts it. Every exchange (answered, failed or refused) is handed to
 * `onExchange` as the call record's shape, so the site records it (direction `notification`).
 *
 * @example
 *   const notifier = createNotifier({ policy: { allowPublic: false, loopbackPorts: [8090] }, onExchange: (r) => calls.push(r) });
 *   notifier.send({ api: 'location', url: 'http://127.0.0.1:8090/cb', body: { zonalPresenceNotification: {...} }, atSec: 12 });
 */
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { checkUrlText, sendChecked, type TUrlPolicy } from '@mecport/url-policy';

export interface TNotification {
  api: 'location' | 'rnis';
  url: string;
  body: unknown;
  /** The sandbox clock of the tick or event that caused it. */
  atSec: number;
}

/** A notification exchange as the call record holds it, without the record's id. */
export type TNotificationRecord = Omit<TSandboxCall, 'id'>;

export interface TNotifierOptions {
  /** Where callbacks may go: the addresses and ports of the app's side of the sandbox. */
  policy: TUrlPolicy;
  /** A further check the site may add (e.g. only the app's own host); answers a reason to refuse. */
  refuse?: (url: URL) => string | undefined;
  onExchange?: (record: TNotificationRecord) => void;
  timeoutMs?: number;
  /** Notifications waiting beyond this are dropped (counted). */
  maxQueue?: number;
  /** Exchanges in flight at once. */
  concurrency?: number;
}

export interface TNotifierStats { queued: number; inFlight: number; sent: number; failed: number; refused: number; dropped: number }

export interface TNotifier {
  /** Queues a notification; false when the queue is full (dropped) or the notifier is closed. */
  send(notification: TNotification): boolean;
  /** Why a callback URL would be refused, or undefined when its text passes (subscriptions check it up front). */
  check(url: string): string | undefined;
  stats(): TNotifierStats;
  /** Resolves when nothing is queued or in flight (tests, reset). */
  idle(): Promise<void>;
  /** Drops what is queued, waits for what is in flight, refuses further sends. */
  close(): Promise<void>;
}

const BODY_RECORD_LIMIT = 64 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export function createNotifier(options: TNotifierOptions): TNotifier {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxQueue = options.maxQueue ?? 10_000;
  const concurrency = options.concurrency ?? 16;
  const queue: TNotification[] = [];
  let head = 0;
  const stats = { sent: 0, failed: 0, refused: 0, dropped: 0 };
  let inFlight = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const check = (url: string): string | undefined => {
    const text = checkUrlText(url, options.policy);
    if (!text.ok) return text.reason;
    return options.refuse?.(new URL(url));
  };

  const settleIdle = () => {
    if (inFlight > 0 || head < queue.length) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const takeNext = (): TNotification => {
    const next = queue[head++]!;
    // Compact now and then rather than shift() each time (O(n) on a long queue).
    if (head >= 1024) {
      queue.splice(0, head);
      head = 0;
    }
    return next;
  };

  const pump = () => {
    while (inFlight < concurrency && head < queue.length) {
      inFlight++;
      void deliver(takeNext()).finally(() => {
        inFlight--;
        pump();
        settleIdle();
      });
    }
  };

  const deliver = async (n: TNotification) => {
    const body = JSON.stringify(n.body);
    const started = new Date();
    const t0 = performance.now();
    const record = (status: number, response: TNotificationRecord['response']) =>
      options.onExchange?.({
        at: started.toISOString(), atSec: n.atSec, direction: 'notification', source: 'service', api: n.api, method: 'POST', url: n.url,
        status, durationMs: Math.round((performance.now() - t0) * 100) / 100, request: message(JSON_HEADERS, body), response,
      });
    const reason = check(n.url);
    if (reason !== undefined) {
      stats.refused++;
      return record(0, message({}, `refused: ${reason}`));
    }
    try {
      const answer = await sendChecked(n.url, { method: 'POST', headers: JSON_HEADERS, body, policy: options.policy, timeoutMs, maxResponseBytes: BODY_RECORD_LIMIT });
      if (answer.status >= 200 && answer.status < 300) stats.sent++;
      else stats.failed++;
      record(answer.status, message(flatHeaders(answer.headers), answer.body.toString('utf8')));
    } catch (error) {
      stats.failed++;
      record(0, message({}, `no answer: ${(error as Error).message}`));
    }
  };

  return {
    send(notification) {
      if (closed || queue.length - head >= maxQueue) {
        stats.dropped++;
        return false;
      }
      queue.push(notification);
      pump();
      return true;
    },
    check,
    stats: () => ({ ...stats, queued: queue.length - head, inFlight }),
    idle: () => new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      settleIdle();
    }),
    async close() {
      closed = true;
      stats.dropped += queue.length - head;
      queue.length = 0;
      head = 0;
      await new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}

function message(headers: Record<string, string>, body: string): TNotificationRecord['request'] {
  const truncated = body.length > BODY_RECORD_LIMIT;
  return { headers, body: truncated ? body.slice(0, BODY_RECORD_LIMIT) : body, truncated };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
