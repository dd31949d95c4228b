/**
 * Containment of an app that floods the MEC APIs: a token bucket per sandbox (`ratePerSec`
 * tokens a second, a burst of one second's worth), and a flood detector: refusals that go on
 * for `floodAfterMs` without a quiet second in between mean the app is flooding, and the site
 * fails with the numbers.
 *
 * @example
 *   const limit = new RateLimit(200, { onFlood: (reason) => site.fail(reason) });
 *   if (!limit.take()) return tooManyRequests(limit.retryAfterSec());
 */
export interface TRateLimitOptions {
  floodAfterMs?: number;
  now?: () => number;
  onFlood: (reason: string) => void;
}

export const FLOOD_AFTER_MS = 5000;

export class RateLimit {
  private tokens: number;
  private refilledAt: number;
  private readonly now: () => number;
  private readonly floodAfterMs: number;
  private streak: { since: number; lastRefusal: number; requests: number; refused: number } | undefined;
  private flooded = false;

  constructor(readonly ratePerSec: number, private readonly options: TRateLimitOptions) {
    this.now = options.now ?? Date.now;
    this.floodAfterMs = options.floodAfterMs ?? FLOOD_AFTER_MS;
    this.tokens = ratePerSec;
    this.refilledAt = this.now();
  }

  /** Takes a token for one request; false: answer 429. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.ratePerSec, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSec);
    this.refilledAt = now;
    if (this.streak && now - this.streak.lastRefusal > 1000) this.streak = undefined;
    if (this.streak) this.streak.requests += 1;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused(now);
    return false;
  }

  /** Seconds until a token is back. */
  retryAfterSec(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerSec));
  }

  private refused(now: number): void {
    this.streak ??= { since: now, lastRefusal: now, requests: 1, refused: 0 };
    this.streak.lastRefusal = now;
    this.streak.refused += 1;
    const lasted = now - this.streak.since;
    if (this.flooded || lasted < this.floodAfterMs) return;
    this.flooded = true;
    const { requests, refused } = this.streak;
    this.options.onFlood(
      `the app flooded the MEC APIs: ${requests} requests in ${(lasted / 1000).toFixed(1)} s (${Math.round((requests * 1000) / lasted)}/s) against a limit of ${this.ratePerSec}/s; ${refused} were refused with 429`,
    );
  }
}
