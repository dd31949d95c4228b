/**
 * The Mp1 API on a node:http server of its own.
 *
 * @example
 * const registry = new Mp1Registry();
 * const mp1 = createMp1Server({ registry, publicUrl: 'http://10.0.0.5:8443' });
 * await mp1.listen(8443, '0.0.0.0');
 * // …
 * await mp1.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMp1Handler, type TMp1Handler, type TMp1HandlerOptions } from './mp1-handler';
import { toNodeListener } from './http/node-adapter';

export interface TMp1ServerOptions extends Omit<TMp1HandlerOptions, 'publicUrl'> {
  /** Default: `http://<listen address>:<port>` once listening; give it when listening on 0.0.0.0 or behind a proxy. */
  publicUrl?: string;
}

export interface TMp1Server {
  server: Server;
  handler: TMp1Handler;
  /** Resolves to the public URL. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  readonly url: string;
  close(): Promise<void>;
}

export function createMp1Server(options: TMp1ServerOptions): TMp1Server {
  let listening: string | undefined;
  const url = () => options.publicUrl ?? listening ?? 'http://localhost';
  const handler = createMp1Handler({ ...options, publicUrl: url });
  const server = createServer(toNodeListener((req) => handler.handle(req), options.logger));
  // Apps keep connections open between calls; a bounded idle time keeps sockets (and memory) few.
  server.keepAliveTimeout = 5000;
  server.requestTimeout = 30_000;

  return {
    server,
    handler,
    get url() {
      return url();
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          listening = `http://${shownHost}:${address.port}`;
          resolve(url());
        });
      });
    },
    async close() {
      await handler.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
