/**
 * The sandbox's MEC API gateway: the one HTTP server the app calls. It serves the emulated
 * Location (`/location/v2`) and RNIS (`/rni/v2`) services and proxies Mp1 (`/mec_app_support/v1`,
 * `/mec_service_mgmt/v1` and the token path) to the sandbox's MEP agent, whose Mp1 tells the app
 * to come here (`--mp1-public-url`). Every exchange goes into the call record; the app's requests
 * pass the sandbox's rate limit first (429 problem+json beyond it).
 *
 * A request made by "try it" comes in through `app.fetch(request, { source: 'try-it' })`.
 *
 * @example
 *   const gateway = createGateway({ record, limit, clockSec: () => engine.view.timeSec, mp1Target: () => agentUrl, services, refusal: () => undefined });
 *   serve({ fetch: gateway.fetch, hostname: '127.0.0.1', port: 0 });
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { callApiOf } from './call-api';
import type { CallRecord } from './call-record';
import { recordedMessage } from './http-message';
import type { RateLimit } from './rate-limit';
import { problemResponse } from './site-problem';

export const MP1_PATHS = ['/mec_app_support/', '/mec_service_mgmt/', '/oauth2/token'] as const;
export const isMp1Path = (path: string) => MP1_PATHS.some((prefix) => path.startsWith(prefix));

export type TGatewayEnv = { Bindings: { source?: TSandboxCall['source'] } };

export interface TGatewayOptions {
  record: CallRecord;
  limit: RateLimit;
  /** The sandbox clock now (the record's `atSec`). */
  clockSec: () => number;
  /** The agent's Mp1 base URL as the site reaches it; undefined while it is not up. */
  mp1Target: () => string | undefined;
  /** The emulated services, each a sub-app mounted at its base path. */
  services: () => ReadonlyArray<{ base: string; app: Hono }>;
  /** An answer for every app request while the site refuses them (failed), else undefined. */
  refusal: () => Response | undefined;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade', 'proxy-connection', 'te', 'trailer'];
const PROXY_TIMEOUT_MS = 30_000;
/** No MEC API request is near this; an app must not make the site hold gigabytes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export function createGateway(options: TGatewayOptions): Hono<TGatewayEnv> {
  const app = new Hono<TGatewayEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: () => problemResponse(413, 'urn:mecport:problem:payload-too-large', 'Payload too large', `A MEC API request to this sandbox may carry at most ${MAX_REQUEST_BYTES} bytes`) }));
  app.use('*', (c, next) => recordExchange(c, next, options));
  app.all('/mec_app_support/*', (c) => proxyToMp1(c, options));
  app.all('/mec_service_mgmt/*', (c) => proxyToMp1(c, options));
  app.all('/oauth2/token', (c) => proxyToMp1(c, options));
  // Mounted per request: the services are made again when the sandbox is reset.
  app.all('*', async (c) => {
    const service = options.services().find((s) => c.req.path === s.base || c.req.path.startsWith(`${s.base}/`));
    if (!service) return problemResponse(404, 'urn:mecport:problem:not-found', 'Not found', `No MEC API at ${c.req.path} in this sandbox: it serves /location/v2, /rni/v2, /mec_app_support/v1 and /mec_service_mgmt/v1`);
    const url = new URL(c.req.url);
    url.pathname = c.req.path.slice(service.base.length) || '/';
    return service.app.fetch(new Request(url, { method: c.req.method, headers: c.req.raw.headers, body: await bodyOf(c) }), c.env);
  });
  return app;
}

async function recordExchange(c: Context<TGatewayEnv>, next: () => Promise<void>, options: TGatewayOptions): Promise<Response | undefined> {
  const source = c.env?.source === 'try-it' ? 'try-it' : 'app';
  const at = new Date().toISOString();
  const atSec = options.clockSec();
  const started = performance.now();
  const requestBytes = hasBody(c.req.method) ? new Uint8Array(await c.req.arrayBuffer()) : undefined;
  const refused = options.refusal() ?? (source === 'app' && !options.limit.take() ? tooManyRequests(options.limit) : undefined);
  if (refused) c.res = refused;
  else await next();
  const responseBytes = new Uint8Array(await c.res.clone().arrayBuffer());
  const url = new URL(c.req.url);
  options.record.add({
    at, atSec, direction: 'request', source, api: callApiOf(url.pathname), method: c.req.method, url: `${url.pathname}${url.search}`,
    status: c.res.status, durationMs: Math.round((performance.now() - started) * 100) / 100,
    request: recordedMessage(c.req.raw.headers, requestBytes), response: recordedMessage(c.res.headers, responseBytes),
  });
  return refused;
}

function tooManyRequests(limit: RateLimit): Response {
  const retryAfter = limit.retryAfterSec();
  return problemResponse(429, 'urn:mecport:problem:rate-limited', 'Too many requests', `This sandbox takes at most ${limit.ratePerSec} MEC API requests a second; try again in ${retryAfter} s. Sustained flooding fails the sandbox.`, { 'retry-after': String(retryAfter) });
}

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/** The request body the recording middleware already read (Hono keeps it), for a forwarded request. */
function bodyOf(c: Context): Promise<ArrayBuffer> | undefined {
  return hasBody(c.req.method) ? c.req.arrayBuffer() : undefined;
}

async function proxyToMp1(c: Context<TGatewayEnv>, options: TGatewayOptions): Promise<Response> {
  const target = options.mp1Target();
  if (!target) return problemResponse(503, 'urn:mecport:problem:unavailable', 'Service unavailable', "The sandbox's MEP agent is not serving Mp1 right now", { 'retry-after': '1' });
  const incoming = new URL(c.req.url);
  const headers = new Headers(c.req.raw.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  let answer: Response;
  try {
    answer = await fetch(`${target}${incoming.pathname}${incoming.search}`, { method: c.req.method, headers, body: await bodyOf(c), redirect: 'manual', signal: AbortSignal.timeout(PROXY_TIMEOUT_MS) });
  } catch (error) {
    return problemResponse(502, 'urn:mecport:problem:bad-gateway', 'Bad gateway', `The sandbox's MEP agent did not answer: ${(error as Error).message}`);
  }
  const out = new Headers(answer.headers);
  for (const name of [...HOP_BY_HOP, 'content-encoding']) out.delete(name);
  const empty = c.req.method === 'HEAD' || answer.status === 204 || answer.status === 304;
  return new Response(empty ? null : await answer.arrayBuffer(), { status: answer.status, headers: out });
}
