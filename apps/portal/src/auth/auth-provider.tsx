'use client';
/**
 * Client-side authentication: a React context around keycloak-js.
 *
 * 1. On mount, either finish a sign-in (this is `/auth/callback` with `#state=…&code=…`) or restore
 *    the session kept in sessionStorage (renewing its access token first when it has expired).
 * 2. With a token, load the caller's profile from `GET /api/v1/me`; failures keep the RFC 9457
 *    problem (title, detail, requestId) for the shell to show.
 * 3. Access tokens last minutes: they are renewed with the refresh token before they expire, and
 *    once more when the API answers 401 (the request is then retried once). A refused renewal
 *    (the IdP session ended, e.g. signed out elsewhere) signs this tab out.
 * 4. `login()` remembers the current page and redirects to the IdP; `logout()` clears the session
 *    and ends the IdP session too (which tells the portal, by back-channel, to refuse its tokens).
 *
 * @example
 *   const { status, me, login, logout, apiFetch } = useAuth();
 *   if (status === 'authenticated') await apiFetch('/api/v1/me');
 */
import { ZMe, type TMe, type TPreferencesUpdate } from '@mecport/contracts';
import { useLocale } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TPublicAuthConfig } from '@/server/public-config';
import { localeCookie } from '@/i18n/locale';
import { describeKeycloakError, initKeycloak, callbackUri } from './keycloak-client';
import { problemFromResponse, type TProblem } from './problem';
import {
  CALLBACK_PATH, RETURN_TO_KEY, clearSession, isAuthCallbackUrl, isSessionValid, readSession, renewalDueAt, safeReturnTo, sessionFromTokens, writeSession,
  type TStoredSession,
} from './session';
import { renewSession } from './token-renewal';

/** After the IdP did not answer a renewal, try again this much later (while the token lasts). */
const RENEW_RETRY_MS = 15_000;

export type TAuthStatus = 'loading' | 'anonymous' | 'authenticated';

/** Why the last auth step failed; the shell renders it (translated) in `AuthErrorAlert`. */
export type TAuthError =
  | { kind: 'sign-in-failed'; detail?: string }
  | { kind: 'idp-unreachable'; detail?: string }
  | { kind: 'profile-failed'; problem: TProblem }
  | { kind: 'preferences-failed'; problem: TProblem }
  | { kind: 'session-expired' };

export interface TAuthContext {
  status: TAuthStatus;
  /** The profile from `GET /api/v1/me`; `null` while anonymous, loading, or when loading it failed. */
  me: TMe | null;
  /** The bearer access token while signed in. */
  token: string | null;
  error: TAuthError | null;
  /** Redirects to the IdP; comes back to the current page after `/auth/callback`. */
  login: () => Promise<void>;
  /** Forgets the session in this tab and ends the IdP session; lands on `/`. */
  logout: () => Promise<void>;
  /** `fetch` with `Authorization: Bearer <token>` (when signed in) and `Accept: application/json`. */
  apiFetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** `PUT /api/v1/me/preferences`; on success the context's `me` is the server's answer. Resolves to success. */
  updatePreferences: (update: TPreferencesUpdate) => Promise<boolean>;
  dismissError: () => void;
}

interface TState {
  status: TAuthStatus;
  me: TMe | null;
  session: TStoredSession | null;
  error: TAuthError | null;
}

const AuthContext = createContext<TAuthContext | null>(null);

const ANONYMOUS: TState = { status: 'anonymous', me: null, session: null, error: null };

function networkProblem(e: unknown): TProblem {
  return { title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) };
}

async function fetchMe(token: string): Promise<{ ok: true; me: TMe } | { ok: false; problem: TProblem }> {
  let res: Response;
  try {
    res = await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    return { ok: false, problem: networkProblem(e) };
  }
  if (!res.ok) return { ok: false, problem: await problemFromResponse(res) };
  const parsed = ZMe.safeParse(await res.json().catch(() => null));
  if (!parsed.success) {
    return { ok: false, problem: { title: 'Unexpected profile response', status: res.status, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  }
  return { ok: true, me: parsed.data };
}

export function AuthProvider({ config, children }: { config: TPublicAuthConfig; children: ReactNode }) {
  const [state, setState] = useState<TState>({ status: 'loading', me: null, session: null, error: null });
  const locale = useLocale();
  const localeRef = useRef(locale);
  const started = useRef(false);
  const token = state.session?.token ?? null;
  const sessionRef = useRef<TStoredSession | null>(null);
  const renewing = useRef<Promise<string | null> | null>(null);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);
  useEffect(() => {
    sessionRef.current = state.session;
  }, [state.session]);

  /**
   * Renews the current session's access token (one renewal at a time). Resolves to the new token,
   * or null: then either the session ended (this tab is signed out) or the IdP did not answer.
   */
  const renew = useCallback((force: boolean): Promise<string | null> => {
    const current = sessionRef.current ?? readSession(window.sessionStorage);
    if (!current) return Promise.resolve(null);
    renewing.current ??= renewSession(config, current, force).then((outcome) => {
      renewing.current = null;
      if (outcome.kind === 'renewed') {
        writeSession(window.sessionStorage, outcome.session);
        sessionRef.current = outcome.session;
        setState((s) => (s.session ? { ...s, session: outcome.session } : s));
        return outcome.session.token;
      }
      if (outcome.kind === 'ended') {
        clearSession(window.sessionStorage);
        sessionRef.current = null;
        setState({ ...ANONYMOUS, error: { kind: 'session-expired' } });
      }
      return null;
    });
    return renewing.current;
  }, [config]);

  /** Loads the profile for a session. After a fresh sign-in the profile's locale is adopted (the callback page then reloads). */
  const establish = useCallback(async (session: TStoredSession, fresh: boolean) => {
    sessionRef.current = session;
    let result = await fetchMe(session.token);
    if (!result.ok && result.problem.status === 401 && session.refreshToken) {
      const renewed = await renew(true);
      if (!renewed) return;
      session = sessionRef.current ?? session;
      result = await fetchMe(renewed);
    }
    if (!result.ok) {
      if (result.problem.status === 401) {
        // The API does not accept this token (expired, revoked, keys rotated): signed out.
        clearSession(window.sessionStorage);
        setState({ ...ANONYMOUS, error: { kind: 'profile-failed', problem: result.problem } });
      } else {
        setState({ status: 'authenticated', me: null, session, error: { kind: 'profile-failed', problem: result.problem } });
      }
      return;
    }
    if (fresh && result.me.locale !== localeRef.current) document.cookie = localeCookie(result.me.locale);
    setState({ status: 'authenticated', me: result.me, session, error: null });
  }, [renew]);

  // 1. Bootstrap once (the ref keeps React strict mode's second effect run from repeating it).
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const storage = window.sessionStorage;
      if (window.location.pathname === CALLBACK_PATH && isAuthCallbackUrl(window.location.href)) {
        try {
          const kc = await initKeycloak(config);
          const session = kc.authenticated && kc.token ? sessionFromTokens(kc.token, kc.idToken, kc.refreshToken) : null;
          if (!session) {
            setState({ ...ANONYMOUS, error: { kind: 'sign-in-failed', detail: kc.authenticated ? 'the access token is not a JWT with exp' : undefined } });
            return;
          }
          writeSession(storage, session);
          await establish(session, true);
        } catch (e) {
          setState({ ...ANONYMOUS, error: { kind: 'sign-in-failed', detail: describeKeycloakError(e) } });
        }
        return;
      }
      const session = readSession(storage);
      if (session && isSessionValid(session, Date.now())) {
        await establish(session, false);
        return;
      }
      if (session?.refreshToken) {
        sessionRef.current = session;
        const outcome = await renewSession(config, session, true);
        if (outcome.kind === 'renewed') {
          writeSession(storage, outcome.session);
          await establish(outcome.session, false);
          return;
        }
      }
      if (session) clearSession(storage);
      setState(ANONYMOUS);
    })();
  }, [config, establish]);

  // 2. Renew the access token before it expires; try again later while the IdP does not answer.
  const session = state.session;
  useEffect(() => {
    if (!session?.refreshToken) return;
    let timer: number | undefined;
    const attempt = (delay: number) => {
      timer = window.setTimeout(() => {
        void renew(false).then((renewed) => {
          if (!renewed && sessionRef.current === session && Date.now() < session.expiresAt) attempt(RENEW_RETRY_MS);
        });
      }, Math.min(Math.max(0, delay), 2 ** 31 - 1));
    };
    attempt(renewalDueAt(session) - Date.now());
    return () => window.clearTimeout(timer);
  }, [session, renew]);

  // 3. Sign out when the access token expires without having been renewed.
  const expiresAt = state.session?.expiresAt;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const timer = window.setTimeout(() => {
      clearSession(window.sessionStorage);
      setState({ ...ANONYMOUS, error: { kind: 'session-expired' } });
    }, Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [expiresAt]);

  const login = useCallback(async () => {
    const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    window.sessionStorage.setItem(RETURN_TO_KEY, safeReturnTo(here));
    try {
      const kc = await initKeycloak(config);
      await kc.login({ redirectUri: callbackUri(), locale: localeRef.current });
    } catch (e) {
      setState((s) => ({ ...s, error: { kind: 'idp-unreachable', detail: describeKeycloakError(e) } }));
    }
  }, [config]);

  const logout = useCallback(async () => {
    const storage = window.sessionStorage;
    const session = readSession(storage);
    clearSession(storage);
    storage.removeItem(RETURN_TO_KEY);
    setState(ANONYMOUS);
    try {
      const kc = await initKeycloak(config);
      // After a reload keycloak-js has no tokens of its own (it restores only with refresh tokens): hand it the ID token as the logout hint.
      if (session?.idToken && !kc.idToken) kc.idToken = session.idToken;
      await kc.logout({ redirectUri: `${window.location.origin}/` });
    } catch {
      window.location.assign('/'); // IdP unreachable: the local session is gone anyway
    }
  }, [config]);

  const apiFetch = useCallback(async (path: string, init?: RequestInit) => {
    const send = (bearer: string | null) => {
      const headers = new Headers(init?.headers);
      if (bearer && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${bearer}`);
      if (!headers.has('Accept')) headers.set('Accept', 'application/json');
      return fetch(path, { ...init, headers });
    };
    const res = await send(token);
    // A 401 with our token: renew once and retry (not for a caller's own Authorization, nor a one-shot stream body).
    const retryable = !new Headers(init?.headers).has('Authorization') && !(init?.body instanceof ReadableStream);
    if (res.status !== 401 || !token || !retryable || !sessionRef.current?.refreshToken) return res;
    const renewed = await renew(true);
    return renewed ? send(renewed) : res;
  }, [token, renew]);

  const updatePreferences = useCallback(async (update: TPreferencesUpdate) => {
    let res: Response;
    try {
      res = await apiFetch('/api/v1/me/preferences', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(update) });
    } catch (e) {
      setState((s) => ({ ...s, error: { kind: 'preferences-failed', problem: networkProblem(e) } }));
      return false;
    }
    if (!res.ok) {
      const problem = await problemFromResponse(res);
      setState((s) => ({ ...s, error: { kind: 'preferences-failed', problem } }));
      return false;
    }
    const parsed = ZMe.safeParse(await res.json().catch(() => null));
    setState((s) => ({ ...s, me: parsed.success ? parsed.data : s.me && { ...s.me, ...update }, error: null }));
    return true;
  }, [apiFetch]);

  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  const value = useMemo<TAuthContext>(() => ({
    status: state.status, me: state.me, token, error: state.error,
    login, logout, apiFetch, updatePreferences, dismissError,
  }), [state.status, state.me, token, state.error, login, logout, apiFetch, updatePreferences, dismissError]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): TAuthContext {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth() needs an <AuthProvider> above it (the root layout provides one)');
  return ctx;
}
