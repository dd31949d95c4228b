/**
 * The request pipeline of `@mecport/http` (a route declaration, its zod parsing, request id and
 * request log line) on a bare node:http server, for `request-logging.bench.ts`. Two agent routes
 * as the edge channel has them, without the database: a heartbeat (POST, JSON body, 204) and a
 * long-poll that finds nothing newer (GET, 204). `LOG_LEVEL` sets the logger's level (`silent`:
 * no request lines at all); `BENCH_PORT` the port. Run as a child of `request-logging-host.ts`.
 */
import http from 'node:http';
import { ZHeartbeat, ZNodeParams } from '@mecport/contracts';
import { createApi, createLogger, publicAccess, type TRouteHandler } from '@mecport/http';

const log = createLogger('portal', process.env.LOG_LEVEL ?? 'info');
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

http.createServer({ keepAliveTimeout: 75_000 }, (req, res) => void serve(req, res)).listen(Number(process.env.BENCH_PORT ?? 3290), '127.0.0.1');
