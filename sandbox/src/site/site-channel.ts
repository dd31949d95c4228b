/**
 * The site plays the portal for its sandbox's MEP agent: the edge-channel routes the agent calls
 * (`/api/v1/edge/...`, contracts `edge-channel.ts`), for one node, on the site's address.
 * Enrolment with a one-time token, the agent's EdDSA JWTs checked against the key it enrolled,
 * the desired-state long-poll, reports, heartbeats, log tails, rule states and package downloads
 * with Range, every body validated with the contracts' zod schemas. The agent runs its real code
 * path against it, as against the portal.
 *
 * @example
 *   const channel = new SiteChannel({ heartbeatIntervalSec: 1, on: { report, heartbeat, logs, poll } });
 *   const token = channel.enrolmentToken();
 *   channel.setInstances([instance]);   // a new revision; wakes the long-poll
 */
import { createPublicKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  EDGE_TOKEN_AUDIENCE, EDGE_TOKEN_MAX_LIFETIME_SEC, ZDesiredStateQuery, ZEnrolRequest, ZHeartbeat, ZInstanceLogTail, ZNodeReport, ZRuleStateReport,
  type TDesiredAppInstance, type TDesiredState, type THeartbeat, type TInstanceLogTail, type TNodeReport,
  DEFAULT_NODE_RUNTIME,
} from '@mecport/contracts';
import { Hono, type Context } from 'hono';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { z } from 'zod';
import { notFoundProblem, problemResponse, validationProblem } from './site-problem';

export interface TSiteChannelEvents {
  report(report: TNodeReport): void;
  heartbeat(heartbeat: THeartbeat): void;
  logs(tail: TInstanceLogTail): void;
  /** The agent asked for its desired state (it is enrolled and its Mp1 listens). */
  poll(): void;
}

const EDGE = '/api/v1/edge';
const unauthenticated = (why: string) => problemResponse(401, 'urn:mecport:problem:unauthenticated', 'Authentication required', why);

export class SiteChannel {
  readonly nodeId = randomUUID();
  readonly app = new Hono();
  private token: string | undefined;
  private credential: { id: string; key: KeyObject } | undefined;
  private desired: TDesiredState;
  private readonly packages = new Map<string, string>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: { nodeName: string; heartbeatIntervalSec: number; on: TSiteChannelEvents }) {
    this.desired = { nodeId: this.nodeId, revision: 0, heartbeatIntervalSec: options.heartbeatIntervalSec, appInstances: [], callbackAllowCidrs: [], dataPlane: { adapter: 'memory', settings: {} }, ruleSetVersion: 0, runtime: { ...DEFAULT_NODE_RUNTIME } };
    this.routes();
  }

  /** A one-time token for `mecport-agent enroll`. */
  enrolmentToken(): string {
    this.token = randomBytes(24).toString('base64url');
    return this.token;
  }

  get revision(): number {
    return this.desired.revision;
  }

  /** A new revision with these instances; the agent's long-poll answers at once. */
  setInstances(appInstances: TDesiredAppInstance[]): TDesiredState {
    this.desired = { ...this.desired, revision: this.desired.revision + 1, appInstances };
    for (const wake of [...this.waiters]) wake();
    return this.desired;
  }

  /** Serves the file as a package for the agent to download; returns the path the desired state names. */
  addPackage(sha256: string, file: string): string {
    this.packages.set(sha256, file);
    return `${EDGE}/nodes/${this.nodeId}/packages/${sha256}`;
  }

  /** Ends the long-polls waiting now (the site is going away). */
  close(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private routes(): void {
    const node = `${EDGE}/nodes/:nodeId`;
    this.app.post(`${EDGE}/enrol`, (c) => this.enrol(c));
    this.app.get(`${node}/desired`, (c) => this.signed(c, () => this.longPoll(c)));
    this.app.post(`${node}/report`, (c) => this.signed(c, () => this.take(c, ZNodeReport, (r) => this.options.on.report(r))));
    this.app.post(`${node}/heartbeat`, (c) => this.signed(c, () => this.take(c, ZHeartbeat, (h) => this.options.on.heartbeat(h))));
    this.app.post(`${node}/logs`, (c) => this.signed(c, () => this.take(c, ZInstanceLogTail, (l) => this.options.on.logs(l))));
    this.app.get(`${node}/packages/:sha256{[0-9a-f]{64}}`, (c) => this.signed(c, () => this.package(c)));
    // The sandbox has no operator to carry an app's rule switch into a new rule set: taken and kept by the agent.
    this.app.post(`${EDGE}/rule-states`, (c) => this.signed(c, () => this.take(c, ZRuleStateReport, () => undefined)));
    this.app.notFound((c) => notFoundProblem(`no route ${c.req.method} ${c.req.path}`));
  }

  private async enrol(c: Context): Promise<Response> {
    const parsed = ZEnrolRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return validationProblem(parsed.error.message);
    if (!this.token || parsed.data.token !== this.token) return problemResponse(400, 'urn:mecport:problem:bad-request', 'Bad request', 'unknown or used enrolment token');
    this.token = undefined;
    this.credential = { id: randomUUID(), key: createPublicKey({ key: parsed.data.publicKey, format: 'jwk' }) };
    return c.json({ nodeId: this.nodeId, nodeName: this.options.nodeName, credentialId: this.credential.id, audience: EDGE_TOKEN_AUDIENCE, heartbeatIntervalSec: this.desired.heartbeatIntervalSec }, 201);
  }

  /** The portal's checks of an agent JWT: kid, EdDSA signature, aud, iss = sub = node, lifetime. */
  private async signed(c: Context, handle: () => Promise<Response> | Response): Promise<Response> {
    const jwt = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!jwt || !this.credential) return unauthenticated('no bearer token, or the node is not enrolled');
    if (c.req.param('nodeId') !== undefined && c.req.param('nodeId') !== this.nodeId) return notFoundProblem('no such node');
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== 'EdDSA' || header.kid !== this.credential.id) return unauthenticated('unknown credential');
      const { payload } = await jwtVerify(jwt, this.credential.key, { audience: EDGE_TOKEN_AUDIENCE, issuer: this.nodeId, subject: this.nodeId, algorithms: ['EdDSA'] });
      if (payload.exp === undefined || payload.iat === undefined || payload.exp - payload.iat > EDGE_TOKEN_MAX_LIFETIME_SEC) return unauthenticated('token lifetime too long');
    } catch (error) {
      return unauthenticated((error as Error).message);
    }
    return handle();
  }

  private async take<T>(c: Context, schema: z.ZodType<T>, use: (value: T) => void): Promise<Response> {
    const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return validationProblem(parsed.error.message);
    use(parsed.data);
    return c.body(null, 204);
  }

  private async longPoll(c: Context): Promise<Response> {
    const query = ZDesiredStateQuery.safeParse(c.req.query());
    if (!query.success) return validationProblem(query.error.message);
    this.options.on.poll();
    const { after, waitSec } = query.data;
    if (this.desired.revision <= after && waitSec > 0) await this.wait(waitSec * 1000, c.req.raw.signal);
    if (this.desired.revision <= after) return c.body(null, 204);
    return c.json(this.desired);
  }

  private wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }

  private async package(c: Context): Promise<Response> {
    const file = this.packages.get(c.req.param('sha256') ?? '');
    if (!file) return notFoundProblem('no such package');
    const bytes = await readFile(file);
    const range = /^bytes=(\d+)-$/.exec(c.req.header('range') ?? '');
    const start = range ? Number(range[1]) : 0;
    if (range && start >= bytes.length) return problemResponse(416, 'urn:mecport:problem:range-not-satisfiable', 'Range not satisfiable', `bytes=${start}-`, { 'content-range': `bytes */${bytes.length}` });
    const headers: Record<string, string> = { 'content-type': 'application/zip', 'accept-ranges': 'bytes', 'content-length': String(bytes.length - start) };
    if (range) headers['content-range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    return new Response(bytes.subarray(start), { status: range ? 206 : 200, headers });
  }
}
