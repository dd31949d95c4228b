import { describe, expect, it } from 'vitest';
import { secretChecker } from './bearer-secret';

describe('secretChecker', () => {
  const check = secretChecker('s3cret-s3cret-s3cret');

  it('accepts the secret as a bearer token', () => {
    expect(() => check('Bearer s3cret-s3cret-s3cret')).not.toThrow();
  });

  it('refuses no header, another scheme, a wrong or a longer secret as unauthenticated', () => {
    for (const header of [undefined, '', 'Basic s3cret-s3cret-s3cret', 'Bearer wrong', 'Bearer s3cret-s3cret-s3cret2']) {
      expect(() => check(header)).toThrow(expect.objectContaining({ code: 'unauthenticated' }) as Error);
    }
  });
});
