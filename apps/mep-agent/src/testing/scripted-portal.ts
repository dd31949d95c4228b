/**
 * A node:http server on loopback that answers the edge channel's routes from a script, for the
 * overload tests: per route a queue of answers (a status with headers, or `hang`: never answer);
 * past the end of its queue a route answers `otherwise` (the long-poll: hang). It records every
 * body it received and counts connections, so tests see what an agent really sent.
 *
 * @example
 *   const portal = await ScriptedPortal.start({ heartbeat: [{ status: 503, retryAfter: '7' }] });
 *   // … portal.received('heartbeat') is the parsed bodies, in order
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type TScriptedAnswer = { status: number; retryAfter?: string } | 'hang';
export type TChannelRoute = 'desired' | 'heartbeat' | 'report' | 'logs';

export class ScriptedPortal {
  readonly bodies: { route: TChannelRoute; body: unknown }[] = [];
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly hanging: { route: TChannelRoute; res: ServerResponse }[] = [];

  private constructor(private readonly server: http.Server, private readonly script: Partial<Record<TChannelRoute, TScriptedAnswer[]>>, private readonly otherwise: (route: TChannelRoute) => TScriptedAnswer) {
    server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.answer(req, res));
  }

  static async start(script: Partial<Record<TChannelRoute, TScriptedAnswer[]>>, otherwise: (route: TChannelRoute) => TScriptedAnswer = (route) => (route === 'desired' ? 'hang' : { status: 204 })): Promise<ScriptedPortal> {
    const server = http.createServer({ keepAliveTimeout: 75_000 });
    const portal = new ScriptedPortal(server, script, otherwise);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return portal;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The bodies received on `route`, in order. */
  received(route: TChannelRoute): unknown[] {
    return this.bodies.filter((b) => b.route === route).map((b) => b.body);
  }

  /** Answers the oldest request of `route` that was left hanging. */
  answerHanging(route: TChannelRoute, answer: Exclude<TScriptedAnswer, 'hang'>): void {
    const index = this.hanging.findIndex((h) => h.route === route);
    if (index < 0) throw new Error(`no ${route} request is hanging`);
    const [entry] = this.hanging.splice(index, 1);
    reply(entry!.res, answer);
  }

  async stop(): Promise<void> {
    for (const { res } of this.hanging.splice(0)) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = /\/nodes\/[^/]+\/(desired|heartbeat|report|logs)/.exec(req.url ?? '')?.[1] as TChannelRoute | undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    if (!route) return void res.writeHead(404).end();
    this.bodies.push({ route, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined });
    const answer = this.script[route]?.shift() ?? this.otherwise(route);
    if (answer === 'hang') this.hanging.push({ route, res });
    else reply(res, answer);
  }
}

function reply(res: ServerResponse, answer: Exclude<TScriptedAnswer, 'hang'>): void {
  const headers: Record<string, string> = answer.retryAfter ? { 'retry-after': answer.retryAfter } : {};
  if (answer.status < 300) return void res.writeHead(answer.status, headers).end();
  res.writeHead(answer.status, { ...headers, 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'urn:mecport:problem:unavailable', title: 'Service unavailable', status: answer.status, detail: 'at the limit', requestId: 'scripted' }));
}
