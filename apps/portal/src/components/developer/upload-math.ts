/**
 * Speed and time left of a running upload from its progress samples (a sliding window of the
 * last few seconds, so a pause or a burst does not skew it for long). Pure, so it is unit-tested.
 *
 * @example
 *   let m = startMeter(0, 0);
 *   m = sample(m, 4_000, 1_000_000);   // 4 s later, 1 MB sent
 *   rate(m)                             // 250000 (bytes/s)
 *   timeLeft(m, 2_000_000)              // 4 (seconds)
 */
export interface TMeter { samples: { at: number; bytes: number }[]; windowMs: number }

export function startMeter(at: number, bytes: number, windowMs = 5_000): TMeter {
  return { samples: [{ at, bytes }], windowMs };
}

export function sample(meter: TMeter, at: number, bytes: number): TMeter {
  const samples = [...meter.samples, { at, bytes }];
  while (samples.length > 2 && at - samples[1]!.at >= meter.windowMs) samples.shift();
  return { ...meter, samples };
}

/** Bytes per second over the window; 0 until there is a measurable interval. */
export function rate(meter: TMeter): number {
  const first = meter.samples[0]!;
  const last = meter.samples.at(-1)!;
  const ms = last.at - first.at;
  return ms > 0 ? Math.max(0, ((last.bytes - first.bytes) * 1000) / ms) : 0;
}

/** Seconds until `total` at the current rate; null when the rate is unknown. */
export function timeLeft(meter: TMeter, total: number): number | null {
  const r = rate(meter);
  const done = meter.samples.at(-1)!.bytes;
  return r > 0 ? Math.ceil((total - done) / r) : null;
}
