import { describe, expect, it } from 'vitest';
import { PAGE_ACCESS_COOKIE, pageAccessCookie } from './page-access-cookie';

describe('pageAccessCookie', () => {
  it('carries the access token for as long as it lives, same-site only', () => {
    const cookie = pageAccessCookie({ token: 'a.b.c', expiresAt: 1_000_000 + 300_500 }, true, 1_000_000);
    expect(cookie).toBe(`${PAGE_ACCESS_COOKIE}=a.b.c; Max-Age=300; Path=/; SameSite=Strict; Secure`);
  });

  it('is removed with the session, and never outlives an expired token', () => {
    expect(pageAccessCookie(null, false)).toBe(`${PAGE_ACCESS_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`);
    expect(pageAccessCookie({ token: 't', expiresAt: 5 }, false, 10)).toContain('Max-Age=0');
  });
});
