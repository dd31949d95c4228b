/**
 * One of the site's HTTP servers (the gateway, the agent's channel): a fetch handler (Hono) on
 * node:http through @hono/node-server, on an ephemeral port of `hostname`; `close` drops every
 * connection (long-polls included), so a destroyed site holds no port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface TSiteServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listenSiteServer(fetch: (request: Request, env: Record<string, unknown>) => Response | Promise<Response>, hostname: string): Promise<TSiteServer> {
  const listener = getRequestListener((request, env) => fetch(request, env as unknown as Record<string, unknown>));
  const server = createServer((req, res) => void listener(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
