/**
 * Exponential backoff with "equal jitter": each wait is between half and all of the capped
 * exponential step, so 1,000 agents that lost the portal at the same moment do not come back
 * in lockstep, and none retries in a tight loop.
 *
 * @example const b = new Backoff({ baseMs: 500, maxMs: 30_000 }); await sleep(b.next()); b.reset();
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: { baseMs: number; maxMs: number; random?: () => number }) {}

  next(): number {
    const step = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    const random = this.options.random ?? Math.random;
    return Math.round(step / 2 + (random() * step) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A loop's doorbell: `wait` resolves on the next `ring` (or one that came while nobody waited),
 * or after `ms` when given.
 *
 * @example while (running) { await bell.wait(5000); … }   // elsewhere: bell.ring();
 */
export class Doorbell {
  private rung = false;
  private waiter: (() => void) | undefined;

  ring(): void {
    this.rung = true;
    this.waiter?.();
  }

  async wait(ms?: number): Promise<void> {
    if (!this.rung) {
      await new Promise<void>((resolve) => {
        const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.waiter = undefined;
    this.rung = false;
  }
}
