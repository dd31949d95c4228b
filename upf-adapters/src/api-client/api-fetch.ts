/**
 * JSON requests to one northbound API, and only to it: every URL is built from the configured
 * API root and checked to stay on its origin, redirects are not followed (a Location or `self` link
 * from the server is never followed), each request has a timeout, and a refused bearer token is
 * renewed once. Errors carry the server's own reason (ProblemDetails or CAMARA ErrorInfo).
 */
import { ApiError, causeOf, type TokenSource } from './client-credentials';

/** What a northbound adapter needs of the agent (a subset of `TAdapterDeps`, typed here so no adapter imports the factory). */
export interface TNorthboundDeps {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  log: { warn(msg: string, fields?: Record<string, unknown>): void };
}

export interface TApiAnswer {
  status: number;
  body: unknown;
  /** The Location header of a 201 (read for the new resource's id, never followed). */
  location?: string;
}

export class ApiClient {
  private readonly origin: string;

  constructor(
    private readonly apiRoot: string,
    private readonly name: string,
    private readonly tokens: TokenSource | undefined,
    private readonly timeoutMs: number,
  ) {
    this.origin = new URL(apiRoot).origin;
  }

  /** `path` is below the API root, e.g. `/3gpp-traffic-influence/v1/af-1/subscriptions`. */
  async request(method: string, path: string, body?: unknown, okStatuses: number[] = [200, 201, 202, 204]): Promise<TApiAnswer> {
    const url = new URL(this.apiRoot + path);
    if (url.origin !== this.origin || !url.pathname.startsWith(new URL(this.apiRoot).pathname)) throw new ApiError(`refused to send to ${url.href}: outside the ${this.name} API root`);
    let answer = await this.send(method, url, body, false);
    if (answer.status === 401 && this.tokens) answer = await this.send(method, url, body, true);
    if (answer.status >= 300 && answer.status < 400) throw new ApiError(`${this.name} redirected ${method} ${url.pathname} to ${answer.location ?? '(no Location)'}: not followed, only the configured API root is used`, answer.status);
    if (!okStatuses.includes(answer.status)) throw new ApiError(`${this.name} answered ${method} ${url.pathname} with ${answer.status}: ${reasonOf(answer.body)}`, answer.status);
    return answer;
  }

  /** The id of a resource just created: the last segment of its Location (or of `self`), never followed. */
  static createdId(answer: TApiAnswer, idField?: string): string {
    const fromBody = (field: string) => (answer.body && typeof answer.body === 'object' ? (answer.body as Record<string, unknown>)[field] : undefined);
    const raw = idField ? fromBody(idField) : (answer.location ?? fromBody('self'));
    const id = typeof raw === 'string' ? (idField ? raw : raw.replace(/\/+$/, '').split('/').pop()) : undefined;
    if (!id || !/^[A-Za-z0-9._~-]{1,256}$/.test(id)) throw new ApiError(`the server created a resource without a usable id (${idField ?? 'Location'}: ${String(raw)})`);
    return id;
  }

  private async send(method: string, url: URL, body: unknown, freshToken: boolean): Promise<TApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.tokens) headers.authorization = `Bearer ${await this.tokens.token(freshToken)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new ApiError(`${this.name} at ${this.origin} unreachable: ${causeOf(e)}`);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text.slice(0, 200);
      }
    }
    return { status: res.status, body: parsed, ...(res.headers.get('location') ? { location: res.headers.get('location')! } : {}) };
  }
}

/** The human part of an error body: ProblemDetails (detail, cause, invalidParams) or CAMARA ErrorInfo. */
export function reasonOf(body: unknown): string {
  if (typeof body === 'string' && body) return body;
  if (!body || typeof body !== 'object') return 'no details';
  const b = body as { title?: unknown; detail?: unknown; cause?: unknown; message?: unknown; code?: unknown; invalidParams?: { param?: unknown; reason?: unknown }[] };
  const parts = [b.detail ?? b.message ?? b.title, b.cause ?? b.code].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const params = Array.isArray(b.invalidParams) ? b.invalidParams.map((p) => `${String(p.param)}: ${String(p.reason ?? 'invalid')}`) : [];
  return [...parts, ...params].join('; ').slice(0, 1500) || 'no details';
}
