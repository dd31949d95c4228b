/**
 * What a package download looks like on the wire through @hono/node-server: the streamed body
 * keeps its Content-Length (Next dropped it from route handlers), and a Range answer its 206.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageFileResponse } from '../package-file-response';
import { apiApp } from './api-app';

const BYTES = Buffer.alloc(300_000, 7);
const file = { size: BYTES.length, etag: '"abc"', filename: 'p.zip', open: async (start: number, end: number) => Readable.from([BYTES.subarray(start, end + 1)]) };

let server: Server;
let base: string;

beforeAll(async () => {
  const app = apiApp({ routes: [{ method: 'GET', path: '/api/v1/file', operationId: 'file', handle: (request) => packageFileResponse(request, 'rid-12345678', file, { instance: '/api/v1/file' }) }] });
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a package download through the API server', () => {
  it('carries Content-Length for the whole file and for a range', async () => {
    const whole = await fetch(`${base}/api/v1/file`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(BYTES.length));
    expect(whole.headers.get('transfer-encoding')).toBeNull();
    expect(Buffer.from(await whole.arrayBuffer()).equals(BYTES)).toBe(true);
    const part = await fetch(`${base}/api/v1/file`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-length')).toBe('100');
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${BYTES.length}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
  });
});
