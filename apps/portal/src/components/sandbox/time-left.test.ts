import { describe, expect, it } from 'vitest';
import { clockText, secondsLeft, timeLeftText } from './time-left';

describe('secondsLeft', () => {
  it('counts whole seconds to the expiry', () => {
    expect(secondsLeft('2026-12-05T03:10:00Z', Date.parse('2026-12-05T03:05:51.400Z'))).toBe(248);
  });
  it('is 0 once expired or when the time is unreadable', () => {
    expect(secondsLeft('2026-12-05T03:10:00Z', Date.parse('2026-12-05T03:11:00Z'))).toBe(0);
    expect(secondsLeft('not a date', 0)).toBe(0);
  });
});

describe('timeLeftText', () => {
  it('shows minutes and seconds under an hour, hours beyond', () => {
    expect(timeLeftText(249)).toBe('4:09');
    expect(timeLeftText(3725)).toBe('1:02:05');
    expect(timeLeftText(0)).toBe('0:00');
    expect(timeLeftText(-5)).toBe('0:00');
  });
});

describe('clockText', () => {
  it('shows the sandbox clock to a tenth of a second', () => {
    expect(clockText(75.25)).toBe('1:15.3');
    expect(clockText(3)).toBe('0:03.0');
    expect(clockText(0)).toBe('0:00.0');
  });
});
