/**
 * How long the agent waits before its next call after a failed one. A server that answered 503 or
 * 429 with `Retry-After` is believed (it knows it is overloaded): the wait is at least that long,
 * spread by up to half again so that a fleet refused together does not come back together, and
 * capped so that a misconfigured proxy cannot silence the agent for hours. Anything else
 * (connection refused, a timeout, another status) waits the exponential backoff with jitter.
 * A wait that a server asked for is not cut short when another call succeeds (`binding`).
 *
 * @example
 *   const { ms, binding } = retryDelay(error, backoff, { random: Math.random });
 */
import type { Backoff } from './backoff';

/** The longest `Retry-After` the agent honours (a larger one waits this long). */
export const MAX_RETRY_AFTER_MS = 120_000;

export interface TRetryDelay {
  ms: number;
  /** True when the server asked for this wait: nothing but a stop may end it early. */
  binding: boolean;
}

/** An error that carries a server's `Retry-After`, in milliseconds. */
export function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function retryDelay(error: unknown, backoff: Backoff, options: { random: () => number; maxRetryAfterMs?: number }): TRetryDelay {
  const step = backoff.next();
  const retryAfter = retryAfterOf(error);
  if (retryAfter === undefined) return { ms: step, binding: false };
  const asked = Math.min(retryAfter, options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS);
  const spread = asked + (options.random() * asked) / 2;
  return { ms: Math.round(Math.min(Math.max(step, spread), options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS)), binding: true };
}

/**
 * `Retry-After` as RFC 9110 writes it, seconds or an HTTP date, in milliseconds from `now`;
 * undefined when absent or unreadable.
 *
 * @example parseRetryAfter('7', Date.now()) // 7000
 */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = /GMT$/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN; // an IMF-fixdate ends in GMT
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
