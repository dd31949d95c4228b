import { describe, expect, it } from 'vitest';
import { linePath, metricSeries, WINDOW_MS } from './metrics-chart-model';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

describe('metrics chart model', () => {
  it('keeps the last hour in time order, as percentages', () => {
    const s = metricSeries([
      { at: at(10), cpuPercent: 50, memUsedBytes: 3, memTotalBytes: 4 },
      { at: at(70), cpuPercent: 99, memUsedBytes: 1, memTotalBytes: 1 },
      { at: at(30), cpuPercent: 20, memUsedBytes: 1, memTotalBytes: 4 },
    ], NOW);
    expect(s.cpu.map((p) => p.value)).toEqual([20, 50]);
    expect(s.mem.map((p) => p.value)).toEqual([25, 75]);
    expect(s.latest).toEqual({ cpu: 50, mem: 75 });
    expect(s.to - s.from).toBe(WINDOW_MS);
  });

  it('has no latest value without samples, and no division by a zero total', () => {
    expect(metricSeries([], NOW).latest).toBeNull();
    expect(metricSeries([{ at: at(1), cpuPercent: 5, memUsedBytes: 9, memTotalBytes: 0 }], NOW).mem[0]!.value).toBe(0);
  });

  it('draws time left to right and 0 % at the bottom', () => {
    const from = NOW - WINDOW_MS;
    expect(linePath([{ t: from, value: 0 }, { t: NOW, value: 100 }], 300, 100, from, NOW)).toBe('M0.0,100.0 L300.0,0.0');
    expect(linePath([], 300, 100, from, NOW)).toBe('');
  });
});
