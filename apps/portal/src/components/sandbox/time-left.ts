/**
 * How long a sandbox has before it expires, as whole seconds and as a short clock text
 * (`1:02:05`, `4:09`, `0:00` once expired). Pure; the countdown component ticks it.
 *
 * @example timeLeftText(secondsLeft('2026-12-05T03:10:00Z', Date.parse('2026-12-05T03:05:51Z')))  // '4:09'
 */

export function secondsLeft(expiresAt: string, now: number): number {
  const ms = Date.parse(expiresAt) - now;
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
}

const two = (n: number) => String(n).padStart(2, '0');

export function timeLeftText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** The sandbox clock (seconds since start) as `m:ss.s`, e.g. 75.25 -> `1:15.3`. */
export function clockText(timeSec: number): string {
  const t = Math.max(0, timeSec);
  const m = Math.floor(t / 60);
  const rest = (t - m * 60).toFixed(1).padStart(4, '0');
  return `${m}:${rest}`;
}

/** Under five minutes left: the countdown turns orange. */
export const SOON_SEC = 300;
