/** Delays as benchmarks print them (percentiles of sorted milliseconds), and waiting for a condition with a deadline. */
import { setTimeout as sleep } from 'node:timers/promises';

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** `p50 … ms   p99 … ms   max … ms` of ascending `sorted`. */
export function delaySummary(sorted: number[]): string {
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms   p99 ${percentile(sorted, 99).toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms`;
}

/** Polls `done` every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
