/**
 * One HTTP exchange with a URL the policy allows, checked at send time (names resolved again,
 * every address judged) and connected to an address that was checked, so a name cannot point
 * elsewhere between check and connect. Redirects are never followed: a 3xx is the answer.
 * The whole exchange (resolve, connect, answer, body) has one deadline, and the body a size cap.
 * node:http(s) only, no undici, so small hosts (the MEP agent) stay small.
 *
 * @example
 * const { status } = await sendChecked('http://127.0.0.1:8090/cb', {
 *   method: 'POST', body: '{}', headers: { 'content-type': 'application/json' },
 *   policy: { allowPublic: false, loopbackPorts: [8090] }, timeoutMs: 5000, maxResponseBytes: 65536,
 * });
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TAddress } from './address-range';
import { checkUrl, type TLookup } from './check-url';
import type { TUrlPolicy } from './policy';

export interface TSendOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string | Buffer;
  policy: TUrlPolicy;
  /** For the whole exchange, name resolution included. */
  timeoutMs: number;
  /** A longer answer body is cut off (ResponseTooLargeError). */
  maxResponseBytes: number;
  signal?: AbortSignal;
  /** Name resolution; tests give a fake. */
  lookup?: TLookup;
}

export interface TSendResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The policy refused the URL; `reason` says why (safe to show to whoever gave the URL). */
export class UrlRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`URL refused: ${reason}`);
    this.name = 'UrlRefusedError';
  }
}

export class ResponseTooLargeError extends Error {
  constructor(limit: number) {
    super(`the answer is longer than ${limit} bytes; cut off`);
    this.name = 'ResponseTooLargeError';
  }
}

export class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = 'SendTimeoutError';
  }
}

export async function sendChecked(url: string, options: TSendOptions): Promise<TSendResult> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const failure = () => (deadline.aborted ? new SendTimeoutError(options.timeoutMs) : (signal.reason as Error));
  const checking = checkUrl(url, options.policy, options.lookup);
  const checked = await Promise.race([checking, aborted(signal)]).catch(() => Promise.reject(failure()));
  if (!checked.ok) throw new UrlRefusedError(checked.reason);
  return exchange(checked.url, checked.addresses, options, signal).catch((error: unknown) => {
    throw signal.aborted ? failure() : error;
  });
}

function exchange(url: URL, addresses: TAddress[], options: TSendOptions, signal: AbortSignal): Promise<TSendResult> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) };
    // agent: false: a fresh connection each time, never a pooled one opened for another check.
    const req = send(url, { method: options.method ?? 'GET', headers, signal, agent: false, lookup: pinnedLookup(addresses) }, (res) => {
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > options.maxResponseBytes) return void res.destroy(new ResponseTooLargeError(options.maxResponseBytes));
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > options.maxResponseBytes) return void res.destroy(new ResponseTooLargeError(options.maxResponseBytes));
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Answers name lookups with the addresses already checked, in either callback form node uses. */
function pinnedLookup(addresses: TAddress[]): LookupFunction {
  return (_hostname, opts, callback) => {
    const answers = addresses.map((a) => ({ address: a.address, family: a.family }));
    if ((opts as { all?: boolean }).all) return void (callback as unknown as (e: null, all: typeof answers) => void)(null, answers);
    callback(null, answers[0]!.address, answers[0]!.family);
  };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}
