/** A notification subscriber on loopback for tests and the bench: keeps every POST it receives, answers 204. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TReceived { path: string; body: unknown; atMs: number }

export interface TSubscriber {
  readonly url: string;
  readonly port: number;
  readonly received: TReceived[];
  close(): Promise<void>;
}

export async function startSubscriber(onReceive?: (r: TReceived) => void): Promise<TSubscriber> {
  const received: TReceived[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown, atMs: Date.now() };
      received.push(r);
      onReceive?.(r);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
