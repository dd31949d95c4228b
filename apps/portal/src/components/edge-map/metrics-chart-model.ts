/**
 * The side panel's metrics chart as data: the last hour's CPU and memory use as percentages on a
 * fixed one-hour time axis, and SVG polyline paths for them. Pure, so it is unit-tested.
 *
 * @example
 *   const s = metricSeries(detail.metrics, Date.now());
 *   linePath(s.cpu, 300, 120)  // 'M0.0,96.0 L150.0,60.0 …'
 */
export interface TMetricSample { at: string; cpuPercent: number; memUsedBytes: number; memTotalBytes: number }
export interface TSeriesPoint { t: number; value: number }
export interface TMetricSeries { cpu: TSeriesPoint[]; mem: TSeriesPoint[]; from: number; to: number; latest: { cpu: number; mem: number } | null }

export const WINDOW_MS = 3600_000;

export function metricSeries(samples: readonly TMetricSample[], now: number): TMetricSeries {
  const from = now - WINDOW_MS;
  const inWindow = samples.map((s) => ({ ...s, t: Date.parse(s.at) })).filter((s) => s.t >= from && s.t <= now).sort((a, b) => a.t - b.t);
  const mem = (s: TMetricSample) => (s.memTotalBytes > 0 ? (100 * s.memUsedBytes) / s.memTotalBytes : 0);
  const clamp = (v: number) => Math.max(0, Math.min(100, v));
  const last = inWindow.at(-1);
  return {
    from, to: now,
    cpu: inWindow.map((s) => ({ t: s.t, value: clamp(s.cpuPercent) })),
    mem: inWindow.map((s) => ({ t: s.t, value: clamp(mem(s)) })),
    latest: last ? { cpu: clamp(last.cpuPercent), mem: clamp(mem(last)) } : null,
  };
}

/** A polyline over a `width` x `height` box: time left to right over [from, to], 0 % at the bottom. */
export function linePath(points: readonly TSeriesPoint[], width: number, height: number, from: number, to: number): string {
  const span = Math.max(1, to - from);
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(((p.t - from) / span) * width).toFixed(1)},${(height - (p.value / 100) * height).toFixed(1)}`).join(' ');
}
