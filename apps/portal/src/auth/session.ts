/**
 * The browser-side session: the access and ID tokens kept in sessionStorage so that a reload stays
 * signed in (per tab; closing the tab signs out). There are no refresh tokens: once the access
 * token expires the user is signed out and signs in again.
 *
 * Pure helpers over a `Storage`-like object, unit-tested with a fake.
 */

import { syncPageAccessCookie } from './page-access-cookie';

export const SESSION_KEY = 'mecport.session';
export const RETURN_TO_KEY = 'mecport.returnTo';
export const CALLBACK_PATH = '/auth/callback';

export type TStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TStoredSession {
  token: string;
  idToken?: string;
  /** Access-token expiry, epoch milliseconds (from its `exp` claim). */
  expiresAt: number;
}

/** The payload of a JWT, without verifying it (the API verifies; the browser only reads `exp`). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A session for this access token, or `null` when the token carries no usable `exp`. */
export function sessionFromTokens(token: string, idToken?: string): TStoredSession | null {
  const exp = decodeJwtPayload(token)?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return idToken ? { token, idToken, expiresAt: exp * 1000 } : { token, expiresAt: exp * 1000 };
}

/** Valid while the token has more than `marginMs` left (so a request does not leave with a dying token). */
export function isSessionValid(session: TStoredSession, now: number, marginMs = 5_000): boolean {
  return session.expiresAt - marginMs > now;
}

export function readSession(storage: TStorage): TStoredSession | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<TStoredSession>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return typeof parsed.idToken === 'string'
      ? { token: parsed.token, idToken: parsed.idToken, expiresAt: parsed.expiresAt }
      : { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

/** Stores the session, and its page-access cookie (see `page-access-cookie.ts`) in a browser. */
export function writeSession(storage: TStorage, session: TStoredSession): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
  syncPageAccessCookie(session);
}

export function clearSession(storage: TStorage): void {
  storage.removeItem(SESSION_KEY);
  syncPageAccessCookie(null);
}

/**
 * A same-origin path to return to after sign-in; anything else (absolute or protocol-relative
 * URLs, the callback page itself) becomes `/`, so the return path cannot redirect off-site.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === CALLBACK_PATH || value.startsWith(`${CALLBACK_PATH}?`) || value.startsWith(`${CALLBACK_PATH}#`)) return '/';
  return value;
}

/** Whether this URL carries an authorization response (`state` plus `code` or `error`, in the fragment or the query). */
export function isAuthCallbackUrl(href: string): boolean {
  const url = new URL(href);
  return [url.hash.replace(/^#/, ''), url.search.replace(/^\?/, '')].some((part) => {
    const params = new URLSearchParams(part);
    return params.has('state') && (params.has('code') || params.has('error'));
  });
}
