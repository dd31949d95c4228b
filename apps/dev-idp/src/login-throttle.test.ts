import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('LoginThrottle', () => {
  it('locks a username after maxFailures in a row, for lockSeconds', () => {
    const time = clock();
    const throttle = new LoginThrottle({ maxFailures: 3, maxAddressFailures: 100, lockSeconds: 60 }, time.now);
    for (let i = 0; i < 2; i++) throttle.recordFailure('Operator', '10.0.0.1');
    expect(throttle.isLocked('operator', '10.0.0.2')).toBe(false);
    throttle.recordFailure('operator ', '10.0.0.3');
    expect(throttle.isLocked('OPERATOR', '10.0.0.9')).toBe(true);
    expect(throttle.isLocked('developer', '10.0.0.1')).toBe(false);
    time.advance(59_999);
    expect(throttle.isLocked('operator', '10.0.0.9')).toBe(true);
    time.advance(1);
    expect(throttle.isLocked('operator', '10.0.0.9')).toBe(false);
  });

  it('locks an address after maxAddressFailures over any usernames', () => {
    const throttle = new LoginThrottle({ maxFailures: 100, maxAddressFailures: 3, lockSeconds: 60 }, clock().now);
    ['a', 'b', 'c'].forEach((name) => throttle.recordFailure(name, '10.0.0.1'));
    expect(throttle.isLocked('someone-else', '10.0.0.1')).toBe(true);
    expect(throttle.isLocked('someone-else', '10.0.0.2')).toBe(false);
  });

  it('clears a username\'s count on success', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, maxAddressFailures: 100, lockSeconds: 60 }, clock().now);
    throttle.recordFailure('operator', 'x');
    throttle.recordFailure('operator', 'x');
    throttle.recordSuccess('operator');
    throttle.recordFailure('operator', 'x');
    throttle.recordFailure('operator', 'x');
    expect(throttle.isLocked('operator', 'x')).toBe(false);
  });
});
