/**
 * OAuth2 client credentials grant (RFC 6749 §4.4) for the northbound APIs: one POST to the token
 * URL with HTTP Basic client authentication (§2.3.1), the token cached until shortly before it
 * expires. Small enough that a library (oauth4webapi refuses http even to loopback) buys nothing.
 */
export interface TClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The variable the secret comes from, to name in errors. */
  secretVariable: string;
  scope?: string;
  timeoutMs: number;
}

/** An error whose message is what the operator sees as the rule's reason. */
export class ApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

const form = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

export class TokenSource {
  private cached: { token: string; until: number } | undefined;
  /** The token request in flight: requests that need a token at the same time share it. */
  private pending: Promise<string> | undefined;

  constructor(private readonly c: TClientCredentials) {}

  /** A valid access token, fetched when none is cached or `fresh` (the API refused the cached one). */
  token(fresh = false): Promise<string> {
    if (!fresh && this.cached && this.cached.until > Date.now()) return Promise.resolve(this.cached.token);
    if (!this.pending) {
      this.cached = undefined;
      this.pending = this.fetchToken().finally(() => (this.pending = undefined));
    }
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    if (!this.c.clientSecret) throw new ApiError(`${this.c.secretVariable} is not set on the node: no client secret for the token URL`);
    const body = new URLSearchParams({ grant_type: 'client_credentials', ...(this.c.scope ? { scope: this.c.scope } : {}) });
    let res: Response;
    try {
      res = await fetch(this.c.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${Buffer.from(`${form(this.c.clientId)}:${form(this.c.clientSecret)}`).toString('base64')}` },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.c.timeoutMs),
      });
    } catch (e) {
      throw new ApiError(`token URL ${this.c.tokenUrl} unreachable: ${causeOf(e)}`);
    }
    const json = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (!res.ok || typeof json.access_token !== 'string') {
      const why = typeof json.error === 'string' ? `${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}` : `HTTP ${res.status}`;
      throw new ApiError(`the token URL refused client ${this.c.clientId} (${why})`, res.status);
    }
    const lifetime = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 300;
    // Renew a little early so a token does not expire between being read and being checked.
    this.cached = { token: json.access_token, until: Date.now() + Math.max(1, lifetime - 30) * 1000 };
    return json.access_token;
  }
}

/** The most specific message of a fetch failure (undici puts the system error in `cause`). */
export function causeOf(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'timed out';
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
    return e.message;
  }
  return String(e);
}
