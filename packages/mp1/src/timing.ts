/** Platform time for `GET /timing/current_time` and `/timing/timing_caps` (Unix seconds + nanoseconds). */
import type { TCurrentTime, TTimingCaps, TTimingSources } from '@mecport/contracts/mec011';

export type TClock = () => number;

/** Milliseconds since the epoch with sub-millisecond precision. */
export const systemClock: TClock = () => performance.timeOrigin + performance.now();

export function splitTime(ms: number): { seconds: number; nanoSeconds: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanoSeconds: Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6)) };
}

export function currentTime(clock: TClock, traceable: boolean): TCurrentTime {
  return { ...splitTime(clock()), timeSourceStatus: traceable ? 'TRACEABLE' : 'NONTRACEABLE' };
}

export function timingCaps(clock: TClock, sources: TTimingSources): TTimingCaps {
  return { timeStamp: splitTime(clock()), ntpServers: sources.ntpServers ?? [], ptpMasters: sources.ptpMasters ?? [] };
}
