/**
 * The request pipeline of `@mecport/http` (a route declaration, its zod parsing, request id and
 * request log line) on a bare node:http server, for `request-logging.bench.ts`. Two agent routes
 * as the edge channel has them, without the database: a heartbeat (POST, JSON body, 204) and a
 * long-poll that finds nothing newer (GET, 204). `LOG_LEVEL` sets the logger's level (`silent`:
 * no request lines at all), `BENCH_LOG_BUFFER` its buffer (bytes); `BENCH_PORT` the port. Run as a child of `request-logging-host.ts`.
 * With `BENCH_TIGHT_LOOP=<route>` it serves nothing: it calls that route's handler in a loop, in
 * process, and prints the CPU microseconds per request on stderr as JSON.
 */
import http from 'node:http';
import { ZHeartbeat, ZNodeParams } from '@mecport/contracts';
import { createApi, createLogger, publicAccess, type TRouteHandler } from '@mecport/http';

// BENCH_LOG_BUFFER=0: every line written as it comes, as before 2026-12-04.
const log = createLogger('portal', process.env.LOG_LEVEL ?? 'info', { bufferBytes: process.env.BENCH_LOG_BUFFER ? Number(process.env.BENCH_LOG_BUFFER) : undefined });
const api = createApi({ log, tokenVerifier: () => { throw new Error('no users here'); }, resolveActor: async () => null });

const heartbeat = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/heartbeat', operationId: 'nodeHeartbeat', summary: 'heartbeat', tags: ['bench'],
  auth: publicAccess(), params: ZNodeParams, body: ZHeartbeat, response: { status: 204, description: 'Recorded' },
  handler: async () => undefined,
});
const desired = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/desired', operationId: 'getDesiredState', summary: 'long-poll', tags: ['bench'],
  auth: publicAccess(), params: ZNodeParams, response: { status: 204, description: 'Nothing newer' },
  handler: async () => new Response(null, { status: 204 }),
});

const ROUTE = /^\/api\/v1\/edge\/nodes\/([^/]+)\/(heartbeat|desired)/;

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const match = ROUTE.exec(req.url ?? '');
  if (!match) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const request = new Request(`http://bench${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const handle: TRouteHandler = match[2] === 'heartbeat' ? heartbeat.handle : desired.handle;
  const response = await handle(request, { params: Promise.resolve({ nodeId: match[1] }) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/** Per request CPU of the pipeline alone, no HTTP: the log line's share shows without the network's noise. */
async function tightLoop(what: string): Promise<void> {
  const nodeId = '6f1c5d1e-9a4b-4c3e-8d2f-0a1b2c3d4e5f';
  const body = JSON.stringify({ agentVersion: 'bench', appliedRevision: 3, instances: [], services: [], metrics: { cpuPercent: 3, memUsedBytes: 2e9, memTotalBytes: 8e9, diskUsedBytes: 2e10, diskTotalBytes: 1e11, load1: 0.2, load5: 0.2, load15: 0.1 } });
  const call = what === 'heartbeat'
    ? () => heartbeat.handle(new Request(`http://bench/api/v1/edge/nodes/${nodeId}/heartbeat`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }), { params: Promise.resolve({ nodeId }) })
    : () => desired.handle(new Request(`http://bench/api/v1/edge/nodes/${nodeId}/desired?after=3&waitSec=30`), { params: Promise.resolve({ nodeId }) });
  for (let i = 0; i < 5000; i++) await call(); // warm-up
  const n = 20_000;
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(before);
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the last lines go out before exiting
  process.stderr.write(`${JSON.stringify({ usPerRequest: (used.user + used.system) / n })}\n`);
}

if (process.env.BENCH_TIGHT_LOOP) await tightLoop(process.env.BENCH_TIGHT_LOOP);
else http.createServer({ keepAliveTimeout: 75_000 }, (req, res) => void serve(req, res)).listen(Number(process.env.BENCH_PORT ?? 3290), '127.0.0.1');
