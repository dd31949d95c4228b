/**
 * A stand-in for the portal's edge-channel routes (`/api/v1/edge/...`), for the agent's tests
 * ONLY UNTIL THE PORTAL ROUTES EXIST: it implements the contract the agent is a client of
 * exactly (one-time enrolment tokens that expire, EdDSA JWTs checked against the enrolled key,
 * the long-poll with `after`/`waitSec`, 204s, problem+json errors, packages with Range), and
 * validates every body with the shared zod contracts. Once the real routes land, the tests
 * that matter move to the real portal; this file stays for fast, portal-free unit tests.
 *
 * It can be stopped and started again on the same port, which is how tests take the portal down.
 *
 * @example
 *   const portal = await FakePortal.start();
 *   const { token } = portal.createEnrolmentToken();
 *   // agent enrols …
 *   portal.setDesired(nodeId, [instance]);
 */
import { createHash, createPublicKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  EDGE_TOKEN_AUDIENCE, EDGE_TOKEN_MAX_LIFETIME_SEC, ZDesiredStateQuery, ZEnrolRequest, ZHeartbeat, ZInstanceLogTail, ZNodeReport, ZRuleStateReport,
  type TDesiredAppInstance, type TDesiredState, type THeartbeat, type TInstanceLogTail, type TNodeReport, type TRuleStateReport,
} from '@mecport/contracts';
import { jwtVerify, decodeJwt, decodeProtectedHeader } from 'jose';

export interface TFakeNode {
  nodeId: string;
  name: string;
  credentialId: string | undefined;
  publicKey: KeyObject | undefined;
  revoked: boolean;
  desired: TDesiredState;
  reports: TNodeReport[];
  heartbeats: THeartbeat[];
  logs: TInstanceLogTail[];
  /** Rule-state reports taken (`POST /api/v1/edge/rule-states`). */
  ruleStates: TRuleStateReport[];
  /** How the next rule-state calls are answered (a test makes the portal refuse or ask for quiet); shifted per call. */
  ruleStateAnswers: { status: number; retryAfter?: string; ruleSetVersion?: number }[];
  hostname: string | undefined;
  /** The JWT ids seen, with their expiry (a token is reused until near expiry, never re-signed per call). */
  tokens: Map<string, number>;
}

interface TTicket {
  nodeId: string;
  expiresAt: number;
  used: boolean;
}

class HttpProblem extends Error {
  constructor(readonly status: number, readonly title: string, message: string, readonly retryAfter?: string) {
    super(message);
  }
}

export class FakePortal {
  readonly nodes = new Map<string, TFakeNode>();
  /** Package bytes by sha256; `corrupt` serves other bytes under a digest (digest-mismatch tests). */
  readonly packages = new Map<string, { path: string; corrupt?: boolean }>();
  readonly calls: { method: string; path: string; status: number }[] = [];
  private readonly tickets = new Map<string, TTicket>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly sockets = new Set<Socket>();
  private server: http.Server | undefined;
  private port = 0;

  static async start(port = 0): Promise<FakePortal> {
    const portal = new FakePortal();
    portal.port = port;
    await portal.listen();
    return portal;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  /** Takes the portal down the hard way: the listener and every open connection go. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    for (const wake of [...this.waiters.values()].flatMap((s) => [...s])) wake();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Back on the same port, with the same state. */
  async listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** A one-time token, for a new node or (given its id) to re-enrol an existing one. */
  createEnrolmentToken(options: { nodeId?: string; name?: string; ttlMs?: number; token?: string } = {}): { token: string; nodeId: string } {
    const nodeId = options.nodeId ?? randomUUID();
    if (!this.nodes.has(nodeId)) {
      this.nodes.set(nodeId, {
        nodeId, name: options.name ?? `edge-${nodeId.slice(0, 8)}`, credentialId: undefined, publicKey: undefined, revoked: false,
        desired: { nodeId, revision: 0, heartbeatIntervalSec: 1, appInstances: [], callbackAllowCidrs: [], dataPlane: { adapter: 'memory', settings: {} }, ruleSetVersion: 0, runtime: { container: 'none', registries: [] } }, reports: [], heartbeats: [], logs: [], ruleStates: [], ruleStateAnswers: [], hostname: undefined, tokens: new Map(),
      });
    }
    const token = options.token ?? randomBytes(24).toString('base64url');
    this.tickets.set(token, { nodeId, expiresAt: Date.now() + (options.ttlMs ?? 600_000), used: false });
    return { token, nodeId };
  }

  node(nodeId: string): TFakeNode {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`no node ${nodeId}`);
    return node;
  }

  /** A new revision of the node's desired state (wakes its long-poll); `rules` sets its rule-set version and data plane. */
  setDesired(nodeId: string, appInstances: TDesiredAppInstance[], heartbeatIntervalSec = this.node(nodeId).desired.heartbeatIntervalSec, rules: Partial<Pick<TDesiredState, 'ruleSetVersion' | 'dataPlane' | 'runtime'>> = {}): TDesiredState {
    const node = this.node(nodeId);
    node.desired = {
      nodeId, revision: node.desired.revision + 1, heartbeatIntervalSec, appInstances, callbackAllowCidrs: node.desired.callbackAllowCidrs,
      dataPlane: rules.dataPlane ?? node.desired.dataPlane, ruleSetVersion: rules.ruleSetVersion ?? node.desired.ruleSetVersion, runtime: rules.runtime ?? node.desired.runtime,
    };
    for (const wake of this.waiters.get(nodeId) ?? []) wake();
    return node.desired;
  }

  revoke(nodeId: string): void {
    this.node(nodeId).revoked = true;
  }

  /** Serves the file as a package; returns what the desired state says about it. */
  async addPackage(nodeId: string, path: string, options: { corrupt?: boolean } = {}): Promise<TDesiredAppInstance['package']> {
    const bytes = await readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.packages.set(sha256, { path, corrupt: options.corrupt });
    return { sha256, size: bytes.length, path: `/api/v1/edge/nodes/${nodeId}/packages/${sha256}` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    let status = 500;
    try {
      status = await this.route(req, res, url);
    } catch (error) {
      status = error instanceof HttpProblem ? error.status : 400;
      const title = error instanceof HttpProblem ? error.title : 'Bad request';
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/problem+json', ...(error instanceof HttpProblem && error.retryAfter ? { 'retry-after': error.retryAfter } : {}) });
        res.end(JSON.stringify({ type: `urn:mecport:problem:${title.toLowerCase().replace(/ /g, '-')}`, title, status, detail: (error as Error).message }));
      }
    }
    this.calls.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, status });
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    if (req.method === 'POST' && url.pathname === '/api/v1/edge/enrol') return this.enrol(await body(req), res);
    if (req.method === 'POST' && url.pathname === '/api/v1/edge/rule-states') return this.ruleStates(req, res);
    const match = /^\/api\/v1\/edge\/nodes\/([0-9a-f-]{36})\/(desired|report|heartbeat|logs|packages\/([0-9a-f]{64}))$/.exec(url.pathname);
    if (!match) throw new HttpProblem(404, 'Not found', `no route ${req.method} ${url.pathname}`);
    const node = await this.authenticate(req, match[1]!);
    const route = match[2]!;
    if (req.method === 'GET' && route === 'desired') return this.desired(node, url, req, res);
    if (req.method === 'GET' && match[3]) return this.package(match[3], req, res);
    if (req.method !== 'POST') throw new HttpProblem(405, 'Method not allowed', `${req.method} ${route}`);
    const payload = await body(req);
    if (route === 'report') node.reports.push(ZNodeReport.parse(payload));
    if (route === 'heartbeat') node.heartbeats.push(ZHeartbeat.parse(payload));
    if (route === 'logs') node.logs.push(ZInstanceLogTail.parse(payload));
    res.writeHead(204).end();
    return 204;
  }

  /** The node is the token's (iss = sub = node id): the route has no node in its path. */
  private async ruleStates(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const jwt = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const issuer = jwt ? (() => { try { return decodeJwt(jwt).iss; } catch { return undefined; } })() : undefined;
    const node = await this.authenticate(req, issuer ?? 'none');
    const report = ZRuleStateReport.parse(await body(req));
    const answer = node.ruleStateAnswers.shift() ?? { status: 204 };
    if (answer.status >= 400) throw new HttpProblem(answer.status, answer.status === 503 ? 'Service unavailable' : 'Refused', 'rule states not taken', answer.retryAfter);
    node.ruleStates.push(report);
    if (answer.ruleSetVersion === undefined) {
      res.writeHead(204).end();
      return 204;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ruleSetVersion: answer.ruleSetVersion }));
    return 200;
  }

  private enrol(payload: unknown, res: ServerResponse): number {
    const request = ZEnrolRequest.parse(payload);
    const ticket = this.tickets.get(request.token);
    if (!ticket) throw new HttpProblem(400, 'Bad request', 'unknown enrolment token');
    if (ticket.used) throw new HttpProblem(410, 'Gone', 'the enrolment token was already used');
    if (ticket.expiresAt < Date.now()) throw new HttpProblem(410, 'Gone', 'the enrolment token expired');
    ticket.used = true;
    const node = this.node(ticket.nodeId);
    Object.assign(node, { credentialId: randomUUID(), publicKey: createPublicKey({ key: request.publicKey, format: 'jwk' }), revoked: false, hostname: request.hostname });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ nodeId: node.nodeId, nodeName: node.name, credentialId: node.credentialId, audience: EDGE_TOKEN_AUDIENCE, heartbeatIntervalSec: node.desired.heartbeatIntervalSec }));
    return 201;
  }

  /** The portal's checks of an agent JWT: kid, EdDSA signature, aud, iss = sub = node, lifetime. */
  private async authenticate(req: IncomingMessage, nodeId: string): Promise<TFakeNode> {
    const unauthenticated = (why: string) => new HttpProblem(401, 'Unauthenticated', why);
    const jwt = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!jwt) throw unauthenticated('no bearer token');
    const node = this.nodes.get(nodeId);
    if (!node?.publicKey || node.revoked) throw unauthenticated('the node has no valid credentials');
    const header = decodeProtectedHeader(jwt);
    if (header.alg !== 'EdDSA' || header.kid !== node.credentialId) throw unauthenticated('unknown credential');
    const { payload } = await jwtVerify(jwt, node.publicKey, { audience: EDGE_TOKEN_AUDIENCE, issuer: nodeId, subject: nodeId, algorithms: ['EdDSA'] }).catch((error: Error) => {
      throw unauthenticated(error.message);
    });
    if (payload.exp === undefined || payload.iat === undefined || payload.exp - payload.iat > EDGE_TOKEN_MAX_LIFETIME_SEC) throw unauthenticated('token lifetime too long');
    if (!payload.jti) throw unauthenticated('no jti');
    node.tokens.set(payload.jti, payload.exp);
    return node;
  }

  private async desired(node: TFakeNode, url: URL, req: IncomingMessage, res: ServerResponse): Promise<number> {
    const { after, waitSec } = ZDesiredStateQuery.parse(Object.fromEntries(url.searchParams));
    if (node.desired.revision <= after) {
      await new Promise<void>((resolve) => {
        const waiters = this.waiters.get(node.nodeId) ?? new Set();
        this.waiters.set(node.nodeId, waiters);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitSec * 1000);
        waiters.add(done);
        req.socket.once('close', done);
      });
    }
    if (res.destroyed) return 0;
    if (node.desired.revision <= after) {
      res.writeHead(204).end();
      return 204;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(node.desired));
    return 200;
  }

  private async package(sha256: string, req: IncomingMessage, res: ServerResponse): Promise<number> {
    const entry = this.packages.get(sha256);
    if (!entry) throw new HttpProblem(404, 'Not found', `no package ${sha256}`);
    let bytes = await readFile(entry.path);
    if (entry.corrupt) bytes = Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes.at(-1)! ^ 0xff])]);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= bytes.length && range) throw new HttpProblem(416, 'Range not satisfiable', `bytes=${start}-`);
    const status = range ? 206 : 200;
    res.writeHead(status, {
      'content-type': 'application/zip',
      'content-length': String(bytes.length - start),
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    });
    res.end(bytes.subarray(start));
    return status;
  }
}

async function body(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
  return JSON.parse(Buffer.concat(parts).toString('utf8') || 'null');
}
