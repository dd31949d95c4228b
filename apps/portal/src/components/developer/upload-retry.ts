/**
 * When tus-js-client retries a failed request. Like its default, network failures, server errors
 * and offset races (409, 423) are retried and other 4xx are not; unlike it, retries go on while
 * the browser reports itself offline, because a short drop is exactly what the delays are there
 * to ride out (about a minute in all).
 *
 * @example
 *   new tus.Upload(file, { retryDelays: RETRY_DELAYS, onShouldRetry: (err) => isTransient(statusOf(err)) });
 */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

export function isTransient(status: number): boolean {
  return status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
}

/** The HTTP status of a tus error; 0 when no response arrived. */
export function statusOf(error: { originalResponse?: { getStatus(): number } | null }): number {
  return error.originalResponse?.getStatus() ?? 0;
}
