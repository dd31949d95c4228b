/**
 * An access token for a user through the OAuth 2.0 password grant ("direct access grants" in
 * Keycloak), for `npm run token`, the end-to-end tests and the benchmarks. Works against the
 * dev IdP and against a Keycloak realm whose `mecport-cli` client allows direct access grants.
 *
 * @example
 *   const token = await fetchPasswordGrantToken({ issuer: 'http://localhost:3001', clientId: 'mecport-cli', username: 'operator', password: DEMO_PASSWORD });
 */

export interface TPasswordGrantRequest {
  /** The issuer; its discovery document names the token endpoint. */
  issuer: string;
  clientId: string;
  username: string;
  password: string;
  /** Defaults to `openid`. */
  scope?: string;
  /** Per request; defaults to 10 s. */
  timeoutMs?: number;
}

/** Why no token came back: `unreachable` (no IdP there), `rejected` (the IdP said no), `protocol` (an unexpected answer). */
export class TokenFetchError extends Error {
  constructor(readonly kind: 'unreachable' | 'rejected' | 'protocol', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenFetchError';
  }
}

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new TokenFetchError('unreachable', `no answer from ${url}`, { cause });
  }
}

async function readJson(res: Response, what: string): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new TokenFetchError('protocol', `${what} did not answer JSON (HTTP ${res.status})`);
}

/** The token endpoint named in `<issuer>/.well-known/openid-configuration`. */
export async function discoverTokenEndpoint(issuer: string, timeoutMs = 10_000): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await call(url, { headers: { accept: 'application/json' } }, timeoutMs);
  if (!res.ok) throw new TokenFetchError('protocol', `${url} answered HTTP ${res.status}; is ${issuer} an OpenID Connect issuer?`);
  const meta = await readJson(res, url);
  if (typeof meta.token_endpoint !== 'string') throw new TokenFetchError('protocol', `${url} names no token_endpoint`);
  return meta.token_endpoint;
}

/** The raw access token (a JWT) for `username`. Throws a `TokenFetchError` otherwise. */
export async function fetchPasswordGrantToken(request: TPasswordGrantRequest): Promise<string> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  const tokenEndpoint = await discoverTokenEndpoint(request.issuer, timeoutMs);
  const res = await call(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: request.clientId,
      username: request.username,
      password: request.password,
      scope: request.scope ?? 'openid',
    }),
  }, timeoutMs);
  const body = await readJson(res, tokenEndpoint);
  if (!res.ok) {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    const hint = error === 'invalid_grant'
      ? `wrong username or password for "${request.username}"`
      : error === 'unauthorized_client' || error === 'invalid_client' || error === 'invalid_request'
        ? `is client "${request.clientId}" allowed the password grant (Keycloak: direct access grants)?`
        : undefined;
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    throw new TokenFetchError('rejected', [`the IdP refused: ${error}`, hint ?? description].filter(Boolean).join(' — '));
  }
  if (typeof body.access_token !== 'string' || !body.access_token) throw new TokenFetchError('protocol', `${tokenEndpoint} answered no access_token`);
  return body.access_token;
}
