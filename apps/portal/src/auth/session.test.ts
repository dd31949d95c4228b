import { describe, expect, it } from 'vitest';
import { problemFromResponse } from './problem';
import {
  SESSION_KEY, clearSession, decodeJwtPayload, isAuthCallbackUrl, isSessionValid, readSession, renewalDueAt, safeReturnTo, sessionFromTokens, writeSession,
  type TStorage,
} from './session';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'RS256', typ: 'at+jwt' })}.${b64url(payload)}.sig`;

function fakeStorage(): TStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('decodeJwtPayload', () => {
  it('reads a base64url payload, including non-ASCII claims', () => {
    expect(decodeJwtPayload(jwt({ exp: 10, name: '艾达' }))).toEqual({ exp: 10, name: '艾达' });
  });
  it('returns null for opaque or broken tokens', () => {
    expect(decodeJwtPayload('opaque')).toBeNull();
    expect(decodeJwtPayload('a.!!!.c')).toBeNull();
    expect(decodeJwtPayload(`x.${b64url([1])}.y`)).toBeNull();
  });
});

describe('stored session', () => {
  it('round-trips through storage and expires with the token', () => {
    const storage = fakeStorage();
    const session = sessionFromTokens(jwt({ exp: 1_000 }), 'id-token');
    expect(session).toEqual({ token: jwt({ exp: 1_000 }), idToken: 'id-token', expiresAt: 1_000_000 });
    writeSession(storage, session!);
    expect(readSession(storage)).toEqual(session);
    expect(isSessionValid(session!, 900_000)).toBe(true);
    expect(isSessionValid(session!, 996_000)).toBe(false);
    expect(isSessionValid(session!, 1_000_001)).toBe(false);
    clearSession(storage);
    expect(readSession(storage)).toBeNull();
  });
  it('keeps the refresh token and the issue time, and renews a minute (or a third of a short life) before expiry', () => {
    const storage = fakeStorage();
    const session = sessionFromTokens(jwt({ iat: 700, exp: 1_000 }), 'id-token', 'refresh-token')!;
    expect(session).toMatchObject({ refreshToken: 'refresh-token', issuedAt: 700_000, expiresAt: 1_000_000 });
    writeSession(storage, session);
    expect(readSession(storage)).toEqual(session);
    expect(renewalDueAt(session)).toBe(940_000);
    expect(renewalDueAt(sessionFromTokens(jwt({ iat: 970, exp: 1_000 }))!)).toBe(990_000);
  });
  it('refuses tokens without exp and garbage in storage', () => {
    expect(sessionFromTokens(jwt({ sub: 'x' }))).toBeNull();
    const storage = fakeStorage();
    storage.map.set(SESSION_KEY, '{nope');
    expect(readSession(storage)).toBeNull();
    storage.map.set(SESSION_KEY, JSON.stringify({ token: 1 }));
    expect(readSession(storage)).toBeNull();
  });
});

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    expect(safeReturnTo('/edge-map?site=1#x')).toBe('/edge-map?site=1#x');
  });
  it('refuses off-site targets and the callback page', () => {
    for (const bad of [null, '', 'https://evil.example/', '//evil.example', '/\\evil.example', '/auth/callback', '/auth/callback#code=1']) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });
});

describe('isAuthCallbackUrl', () => {
  it('recognises fragment and query responses', () => {
    expect(isAuthCallbackUrl('http://localhost:3000/auth/callback#state=a&session_state=b&code=c&iss=d')).toBe(true);
    expect(isAuthCallbackUrl('http://localhost:3000/auth/callback?state=a&error=access_denied')).toBe(true);
    expect(isAuthCallbackUrl('http://localhost:3000/store?state=a')).toBe(false);
    expect(isAuthCallbackUrl('http://localhost:3000/')).toBe(false);
  });
});

describe('problemFromResponse', () => {
  it('reads RFC 9457 problem+json', async () => {
    const res = new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'token expired', instance: '/api/v1/me', requestId: 'r-1' }), {
      status: 401, headers: { 'content-type': 'application/problem+json' },
    });
    expect(await problemFromResponse(res)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'token expired', instance: '/api/v1/me', requestId: 'r-1' });
  });
  it('falls back to the HTTP status and the x-request-id header', async () => {
    const res = new Response('<html>not found</html>', { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/html', 'x-request-id': 'r-2' } });
    expect(await problemFromResponse(res)).toEqual({ title: 'Not Found', status: 404, requestId: 'r-2' });
  });
});
