import { describe, expect, it } from 'vitest';
import { rate, sample, startMeter, timeLeft } from './upload-math';

describe('upload meter', () => {
  it('measures speed and time left over a sliding window', () => {
    let m = startMeter(0, 0);
    expect(rate(m)).toBe(0);
    expect(timeLeft(m, 100)).toBeNull();
    m = sample(m, 4_000, 1_000_000);
    expect(rate(m)).toBe(250_000);
    expect(timeLeft(m, 2_000_000)).toBe(4);
    // after a stall the old samples fall out of the window
    m = sample(m, 10_000, 1_000_000);
    m = sample(m, 16_000, 4_000_000);
    expect(rate(m)).toBe(500_000);
  });
});
