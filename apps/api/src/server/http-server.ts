/**
 * The Node HTTP server both modes listen with, and its graceful stop.
 *
 * Idle keep-alive connections are held longer than agents' heartbeat interval (10 s by default)
 * and long-poll: with Node's 5 s default every heartbeat opened a new connection, and a rollout to
 * 1,000 agents opened ~1,000 at once, overflowing the listen backlog (511); the dropped SYNs cost
 * the agents 1-3 s of TCP retransmits (measured with the edge-channel bench). No request timeout:
 * one tus PATCH may stream gigabytes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { log } from '../logger';

export const KEEP_ALIVE_MS = 75_000;

export type TNodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export function listen(name: string, listener: TNodeListener, port: number, hostname?: string): Promise<Server> {
  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS, requestTimeout: 0 }, listener);
  // Above keepAliveTimeout, so a request arriving on a connection about to idle out is not cut.
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  stopOnSignals(name, server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      log.info({ port, hostname }, `${name} listening`);
      resolve(server);
    });
  });
}

/** Stops taking connections and lets answers in flight finish, for at most 5 s (long-polls are cut: agents reconnect). */
function stopOnSignals(name: string, server: Server): void {
  const stop = () => {
    log.info(`${name} stopping`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
