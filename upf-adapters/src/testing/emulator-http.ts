/**
 * What the NEF and CAMARA emulators share: a node:http server on 127.0.0.1 (an ephemeral port),
 * JSON bodies, a record of every request with its schema errors, and an OAuth2 client
 * credentials token endpoint (RFC 6749 §4.4, client authentication by HTTP Basic or form).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TRecordedRequest {
  method: string;
  path: string;
  body: unknown;
  /** Schema errors of the body against the official spec (empty when valid or bodiless). */
  errors: string[];
  status?: number;
}

export interface TJsonAnswer {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type TRoute = (req: { method: string; path: string; body: unknown; record: TRecordedRequest }) => TJsonAnswer;

export const TOKEN_PATH = '/oauth2/token';

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly clients: Record<string, string>) {}

  /** Forgets every issued token: the next API call with an old one is refused. */
  revokeAll(): void {
    this.tokens.clear();
  }

  isValid(authorization: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const until = token ? this.tokens.get(token) : undefined;
    return until !== undefined && until > Date.now();
  }

  answer(authorization: string | undefined, form: URLSearchParams): TJsonAnswer {
    let [id, secret] = [form.get('client_id'), form.get('client_secret')];
    const basic = /^Basic (\S+)$/.exec(authorization ?? '')?.[1];
    if (basic) [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map((v) => decodeURIComponent(v.replace(/\+/g, ' '))) as [string, string];
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (!id || this.clients[id] === undefined || this.clients[id] !== secret) return { status: 401, body: { error: 'invalid_client', error_description: 'unknown client or wrong secret' }, headers: { 'www-authenticate': 'Basic' } };
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + 3_600_000);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 }, headers: { 'cache-control': 'no-store' } };
  }
}

export interface TEmulatorServer {
  url: string;
  requests: TRecordedRequest[];
  close(): Promise<void>;
}

/** Starts the server; `route` answers every API request that passed the bearer check. */
export async function startEmulatorServer(issuer: TokenIssuer, unauthorized: () => TJsonAnswer, route: TRoute): Promise<TEmulatorServer> {
  const requests: TRecordedRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    let answer: TJsonAnswer;
    if (path === TOKEN_PATH && req.method === 'POST') {
      answer = issuer.answer(req.headers.authorization, new URLSearchParams(text));
    } else {
      let body: unknown = undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const record: TRecordedRequest = { method: req.method ?? 'GET', path, body, errors: [] };
      requests.push(record);
      answer = issuer.isValid(req.headers.authorization) ? route({ method: record.method, path, body, record }) : unauthorized();
      record.status = answer.status;
    }
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...(payload ? { 'content-type': answer.contentType ?? 'application/json' } : {}), ...answer.headers });
    res.end(payload);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const newId = () => randomUUID();

/** Only loopback: an emulator never sends to another address. */
export function isLoopback(url: string): boolean {
  try {
    return ['127.0.0.1', '[::1]', 'localhost'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
