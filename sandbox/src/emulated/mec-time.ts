/**
 * MEC time stamps from the sandbox clock: the site's epoch (the wall time its clock's t = 0 stands
 * for) plus the engine's clock, never the wall clock now, so a run on the virtual clock stamps the
 * same times on every run.
 *
 * @example mecTimeStamp(1_700_000_000_000, 2.5) // { seconds: 1700000002, nanoSeconds: 500000000 }
 */
export interface TMecTimeStamp { seconds: number; nanoSeconds: number }

export function mecTimeStamp(epochMs: number, timeSec: number): TMecTimeStamp {
  const totalMs = epochMs + timeSec * 1000;
  let seconds = Math.floor(totalMs / 1000);
  let nanoSeconds = Math.round((totalMs - seconds * 1000) * 1e6);
  if (nanoSeconds >= 1e9) [seconds, nanoSeconds] = [seconds + 1, nanoSeconds - 1e9];
  return { seconds, nanoSeconds };
}

/** The wall time in milliseconds a MEC time stamp stands for (the bench measures delays with it). */
export function mecTimeStampMs(stamp: TMecTimeStamp): number {
  return stamp.seconds * 1000 + stamp.nanoSeconds / 1e6;
}
