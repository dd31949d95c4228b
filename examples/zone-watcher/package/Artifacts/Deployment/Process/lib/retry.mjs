// @ts-check
// Retries a step with doubling waits (a MEP or service that is not up yet is normal at start-up).

/**
 * Resolves with `step`'s value once it succeeds; logs each failure. Gives up only when `stopped()` says so.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} step
 * @param {{ log: (msg: string, extra?: Record<string, unknown>) => void, firstMs?: number, maxMs?: number, stopped?: () => boolean }} options
 * @returns {Promise<T | undefined>}
 */
export async function retrying(what, step, options) {
  let wait = options.firstMs ?? 500;
  for (;;) {
    if (options.stopped?.()) return undefined;
    try {
      return await step();
    } catch (error) {
      options.log(`${what}: not yet, retrying`, { error: /** @type {Error} */ (error).message, retryInMs: wait });
    }
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
    wait = Math.min(wait * 2, options.maxMs ?? 30_000);
  }
}
