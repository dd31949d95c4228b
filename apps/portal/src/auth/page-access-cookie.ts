/**
 * The page-access cookie: a copy of the browser session's access token that page requests carry,
 * so the server can answer HTTP 403 for an area page the signed-in role may not see (the API
 * never reads it: API calls carry the bearer header). It lives as long as the token, goes with
 * the session, and is SameSite=Strict so no other site's navigation sends it.
 *
 * @example document.cookie = pageAccessCookie(session, location.protocol === 'https:');
 */

export const PAGE_ACCESS_COOKIE = 'mecport_page_access';

/** The part of a stored session the cookie needs (`session.ts` calls in here, so no import back). */
export interface TCookieSession { token: string; expiresAt: number }

/** The `document.cookie` assignment that sets (session) or removes (null) the cookie. */
export function pageAccessCookie(session: TCookieSession | null, secure: boolean, now = Date.now()): string {
  const attributes = `Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
  if (!session) return `${PAGE_ACCESS_COOKIE}=; Max-Age=0; ${attributes}`;
  const maxAge = Math.max(0, Math.floor((session.expiresAt - now) / 1000));
  return `${PAGE_ACCESS_COOKIE}=${encodeURIComponent(session.token)}; Max-Age=${maxAge}; ${attributes}`;
}

/** Keeps the cookie in step with the stored session; a no-op outside a browser. */
export function syncPageAccessCookie(session: TCookieSession | null): void {
  if (typeof document === 'undefined') return;
  document.cookie = pageAccessCookie(session, window.location.protocol === 'https:');
}
