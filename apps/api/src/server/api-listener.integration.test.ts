/**
 * The API's answers on the wire through apiListener (real HTTP on loopback): a route's JSON answer
 * written as it is, and every other answer through @hono/node-server as before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BufferedResponse } from '@mecport/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiApp } from './api-app';
import { apiListener } from './api-listener';
import type { TServedRoute } from './served-routes';

const body = JSON.stringify({ greeting: '你好', n: 1 });
const route = (path: string, handle: TServedRoute['handle']): TServedRoute => ({ method: 'GET', path, operationId: path, handle });
const routes = [
  route('/api/buffered', async () => new BufferedResponse(body, { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'rid-12345678' } })),
  route('/api/read-before', async () => {
    const response = new BufferedResponse(body, { status: 200, headers: { 'content-type': 'application/json' } });
    await response.clone().text();
    void response.body; // handed out as a stream: the server must not write the text beside it
    return response;
  }),
  route('/api/cookies', async () => {
    const response = new BufferedResponse(body, { status: 200, headers: { 'content-type': 'application/json' } });
    response.headers.append('set-cookie', 'a=1');
    response.headers.append('set-cookie', 'b=2');
    return response;
  }),
  route('/api/native', async () => Response.json({ native: true }, { status: 202 })),
];

let server: Server;
let base: string;

for (const overrideGlobalObjects of [false, true]) {
  describe(`apiListener (overrideGlobalObjects: ${overrideGlobalObjects})`, () => {
    beforeAll(async () => {
      server = createServer(apiListener(apiApp({ routes }), { overrideGlobalObjects }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

    it('writes a buffered JSON answer with its status, headers and length', async () => {
      const response = await fetch(`${base}/api/buffered`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('x-request-id')).toBe('rid-12345678');
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(await response.text()).toBe(body);
    });

    it('answers HEAD of it with the headers and no body', async () => {
      const response = await fetch(`${base}/api/buffered`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('');
    });

    it('sends other answers as before: a body already handed out, several cookies, a native Response, a 404 problem', async () => {
      expect(await (await fetch(`${base}/api/read-before`)).text()).toBe(body);
      const cookies = await fetch(`${base}/api/cookies`);
      expect(cookies.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(await cookies.text()).toBe(body);
      const native = await fetch(`${base}/api/native`);
      expect([native.status, await native.json()]).toEqual([202, { native: true }]);
      const missing = await fetch(`${base}/api/nothing-here`);
      expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    });
  });
}
