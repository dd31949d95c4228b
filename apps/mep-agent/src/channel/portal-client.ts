/**
 * The agent's side of the edge-channel HTTP contract (`/api/v1/edge/...`), one method per route.
 * Bodies are checked against the shared zod contracts in both directions. A 401 on any signed
 * call throws CredentialsRevokedError: the portal withdrew this node's credentials.
 *
 * @example
 *   const client = new PortalClient({ portalUrl, nodeId, signer });
 *   const doc = await client.desired({ after: 4, waitSec: 30 }); // undefined when nothing newer came
 */
import type { Agent, IncomingMessage } from 'node:http';
import {
  ZDesiredState, ZEnrolRequest, ZEnrolResponse, ZHeartbeat, ZInstanceLogTail, ZNodeReport, ZRuleStateReport,
  type TDesiredState, type TEnrolRequest, type TEnrolResponse, type THeartbeat, type TInstanceLogTail, type TNodeReport, type TRuleStateReport,
} from '@mecport/contracts';
import { discardBody, httpRequest, readBody } from './http-client';
import { parseRetryAfter } from './retry-delay';
import type { TokenSigner } from './token-signer';

const EDGE = '/api/v1/edge';
const CALL_TIMEOUT_MS = 15_000;
const MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * The portal answered with an error status (its problem+json detail in the message); with a 503
 * or 429, `retryAfterMs` is its `Retry-After` (the channel waits at least that long).
 */
export class PortalError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'PortalError';
  }
}

/** 401: the node's credentials were revoked (or never existed); only a new enrolment helps. */
export class CredentialsRevokedError extends PortalError {
  constructor(message: string) {
    super(401, message);
    this.name = 'CredentialsRevokedError';
  }
}

async function failure(res: IncomingMessage, what: string): Promise<PortalError> {
  let detail = res.statusMessage ?? '';
  try {
    const problem = JSON.parse((await readBody(res, 64 * 1024)).toString('utf8')) as { detail?: string; title?: string };
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // not problem+json: the status line says enough
  }
  const message = `${what}: ${res.statusCode} ${detail}`.trim();
  if (res.statusCode === 401) return new CredentialsRevokedError(message);
  const busy = res.statusCode === 503 || res.statusCode === 429;
  return new PortalError(res.statusCode ?? 0, message, busy ? parseRetryAfter(res.headers['retry-after'], Date.now()) : undefined);
}

/** `path` under the portal URL, keeping a base path the portal may be served under (`https://x/mecport`). */
export function urlUnder(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}

async function json(res: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readBody(res, MAX_JSON_BYTES)).toString('utf8'));
}

/** POST /api/v1/edge/enrol: the only call without a bearer token. */
export async function enrolNode(base: string, request: TEnrolRequest): Promise<TEnrolResponse> {
  const res = await httpRequest(urlUnder(base, `${EDGE}/enrol`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(ZEnrolRequest.parse(request)),
    timeoutMs: CALL_TIMEOUT_MS,
  });
  if (res.statusCode !== 201) throw await failure(res, 'enrolment refused');
  return ZEnrolResponse.parse(await json(res));
}

export class PortalClient {
  readonly portalUrl: string;
  readonly nodeId: string;
  private readonly signer: TokenSigner;
  private readonly httpAgent: Agent | undefined;
  private readonly callTimeoutMs: number;

  /**
   * `httpAgent`: the connection pool (default: the process's shared keep-alive pool);
   * `callTimeoutMs`: how long a report, heartbeat or log push may go unanswered (default 15 s).
   */
  constructor(options: { portalUrl: string; nodeId: string; signer: TokenSigner; httpAgent?: Agent; callTimeoutMs?: number }) {
    this.portalUrl = options.portalUrl;
    this.nodeId = options.nodeId;
    this.signer = options.signer;
    this.httpAgent = options.httpAgent;
    this.callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  }

  /** Long-poll: the first document with a revision above `after`, or undefined after `waitSec` (204). */
  async desired(query: { after: number; waitSec: number }, signal?: AbortSignal): Promise<TDesiredState | undefined> {
    const res = await this.call('GET', `desired?after=${query.after}&waitSec=${query.waitSec}`, undefined, signal, (query.waitSec + 15) * 1000);
    if (res.statusCode === 204) {
      await discardBody(res);
      return undefined;
    }
    if (res.statusCode !== 200) throw await failure(res, 'desired state');
    return ZDesiredState.parse(await json(res));
  }

  async report(report: TNodeReport, signal?: AbortSignal): Promise<void> {
    await this.send('report', ZNodeReport.parse(report), signal);
  }

  async heartbeat(heartbeat: THeartbeat, signal?: AbortSignal): Promise<void> {
    await this.send('heartbeat', ZHeartbeat.parse(heartbeat), signal);
  }

  async logs(tail: TInstanceLogTail, signal?: AbortSignal): Promise<void> {
    await this.send('logs', ZInstanceLogTail.parse(tail), signal);
  }

  /**
   * `POST /api/v1/edge/rule-states`: rules the node's apps switched through Mp1 (the node is the
   * token's). The portal answers 204, or 200 with `{ ruleSetVersion }`, the node's rule-set
   * version that carries the changes.
   */
  async ruleStates(report: TRuleStateReport, signal?: AbortSignal): Promise<{ ruleSetVersion?: number }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.signer.token()}`, accept: 'application/json', 'content-type': 'application/json' };
    const res = await httpRequest(urlUnder(this.portalUrl, `${EDGE}/rule-states`), { method: 'POST', headers, body: JSON.stringify(ZRuleStateReport.parse(report)), signal, timeoutMs: this.callTimeoutMs, agent: this.httpAgent });
    if (res.statusCode !== 204 && res.statusCode !== 200) throw await failure(res, 'rule states');
    if (res.statusCode === 204) {
      await discardBody(res);
      return {};
    }
    const answer = (await json(res).catch(() => undefined)) as { ruleSetVersion?: unknown } | undefined;
    return typeof answer?.ruleSetVersion === 'number' && Number.isInteger(answer.ruleSetVersion) ? { ruleSetVersion: answer.ruleSetVersion } : {};
  }

  /**
   * Opens the package download (`path` from the desired state), from byte `offset` on with a
   * Range request. The caller reads the body; status is 200 (whole file) or 206 (the rest).
   */
  async openPackage(path: string, offset: number, signal?: AbortSignal): Promise<IncomingMessage> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.signer.token()}` };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const res = await httpRequest(urlUnder(this.portalUrl, path), { method: 'GET', headers, signal, timeoutMs: 60_000, agent: this.httpAgent });
    if (res.statusCode !== 200 && res.statusCode !== 206) throw await failure(res, `package ${path}`);
    return res;
  }

  private async send(route: string, body: unknown, signal?: AbortSignal): Promise<void> {
    const res = await this.call('POST', route, JSON.stringify(body), signal, this.callTimeoutMs);
    if (res.statusCode !== 204 && res.statusCode !== 200) throw await failure(res, route);
    await discardBody(res);
  }

  private async call(method: 'GET' | 'POST', route: string, body: string | undefined, signal: AbortSignal | undefined, timeoutMs: number): Promise<IncomingMessage> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.signer.token()}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = urlUnder(this.portalUrl, `${EDGE}/nodes/${this.nodeId}/${route}`);
    return httpRequest(url, { method, headers, body, signal, timeoutMs, agent: this.httpAgent });
  }
}
