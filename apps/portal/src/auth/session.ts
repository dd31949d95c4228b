/**
 * The browser-side session: the access, ID and refresh tokens kept in sessionStorage so that a
 * reload stays signed in (per tab; closing the tab signs out). Access tokens are short (minutes);
 * the refresh token renews them (`token-renewal.ts`) until the IdP session ends.
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
  /** Renews the access token while the IdP session lasts. */
  refreshToken?: string;
  /** Access-token expiry, epoch milliseconds (from its `exp` claim). */
  expiresAt: number;
  /** Access-token issue time, epoch milliseconds (from `iat`; `expiresAt` when absent). */
  issuedAt?: number;
}

/** Renew when this much of the access token's life is left: a minute, or a third of a short token's life. */
const RENEW_MARGIN_MS = 60_000;

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
export function sessionFromTokens(token: string, idToken?: string, refreshToken?: string): TStoredSession | null {
  const payload = decodeJwtPayload(token);
  const exp = payload?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  const iat = typeof payload?.iat === 'number' && Number.isFinite(payload.iat) ? payload.iat * 1000 : undefined;
  return {
    token, expiresAt: exp * 1000,
    ...(idToken ? { idToken } : {}), ...(refreshToken ? { refreshToken } : {}), ...(iat !== undefined ? { issuedAt: iat } : {}),
  };
}

/** When to renew the access token: epoch ms, at most a minute (or a third of its life) before it expires. */
export function renewalDueAt(session: TStoredSession): number {
  const lifetime = session.expiresAt - (session.issuedAt ?? session.expiresAt);
  const margin = lifetime > 0 ? Math.min(RENEW_MARGIN_MS, lifetime / 3) : RENEW_MARGIN_MS;
  return session.expiresAt - margin;
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
    return {
      token: parsed.token, expiresAt: parsed.expiresAt,
      ...(typeof parsed.idToken === 'string' ? { idToken: parsed.idToken } : {}),
      ...(typeof parsed.refreshToken === 'string' ? { refreshToken: parsed.refreshToken } : {}),
      ...(typeof parsed.issuedAt === 'number' ? { issuedAt: parsed.issuedAt } : {}),
    };
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
