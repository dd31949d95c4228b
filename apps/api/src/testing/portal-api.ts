/**
 * The portal's API for the reliability tests: the same Hono app `main.ts portal` serves (every
 * route, minus Next's UI, which needs a build), on real HTTP in the test's process, so a change is
 * committed exactly as an operator's request commits it. Set DATABASE_URL, OIDC_ISSUER and
 * MECPORT_DATA_DIR before the first call: the API reads its configuration once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TPortalApi {
  url: string;
  /** A JSON request with a bearer token; answers status and parsed body. */
  call<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startPortalApi(): Promise<TPortalApi> {
  const [{ apiApp }, { apiListener }, { servedRoutes }, { openApiDocument }] = await Promise.all([
    import('../server/api-app'), import('../server/api-listener'), import('../server/served-routes'), import('../openapi-document'),
  ]);
  const server = createServer(apiListener(apiApp({ routes: servedRoutes(), openApi: openApiDocument }), { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    call: async <T>(method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
