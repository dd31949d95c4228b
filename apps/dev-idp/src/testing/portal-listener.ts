/**
 * A stand-in for the portal in dev IdP tests: a loopback server that records the logout tokens
 * the IdP posts to the back-channel logout URI and answers 200, as the portal does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TPortalListener {
  /** The portal origin to give the dev IdP, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Logout tokens received, oldest first. */
  logoutTokens: string[];
  close(): Promise<void>;
}

export async function startPortalListener(): Promise<TPortalListener> {
  const logoutTokens: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('logout_token');
      if (req.method === 'POST' && token) logoutTokens.push(token);
      res.writeHead(token ? 200 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logoutTokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
