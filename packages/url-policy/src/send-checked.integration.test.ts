/**
 * The sender against listeners this test starts on loopback (and nowhere else: addresses that must
 * be refused are judged in check-url.test.ts, never sent to).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TLookup } from './check-url';
import { ResponseTooLargeError, SendTimeoutError, sendChecked, UrlRefusedError } from './send-checked';

interface TListener { port: number; received: { method: string; url: string; host: string; body: string }[]; server: Server }
const listeners: TListener[] = [];

async function listen(answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok')): Promise<TListener> {
  const received: TListener['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body: Buffer.concat(chunks).toString() });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const listener = { port: (server.address() as AddressInfo).port, received, server };
  listeners.push(listener);
  return listener;
}

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => new Promise<void>((resolve) => {
    l.server.closeAllConnections();
    l.server.close(() => resolve());
  })));
});

const limits = { timeoutMs: 5000, maxResponseBytes: 1024 };

describe('sendChecked', () => {
  it('delivers to an allowed loopback port and answers status and body', async () => {
    const app = await listen((_req, res) => res.writeHead(204).end());
    const result = await sendChecked(`http://127.0.0.1:${app.port}/cb`, { ...limits, method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' }, policy: { allowPublic: false, loopbackPorts: [app.port] } });
    expect(result.status).toBe(204);
    expect(app.received).toEqual([{ method: 'POST', url: '/cb', host: `127.0.0.1:${app.port}`, body: '{"a":1}' }]);
  });

  it('refuses another loopback port before connecting: that listener receives nothing', async () => {
    const app = await listen();
    const other = await listen();
    const sending = sendChecked(`http://127.0.0.1:${other.port}/api/health`, { ...limits, method: 'POST', body: '{}', policy: { allowPublic: false, loopbackPorts: [app.port] } });
    await expect(sending).rejects.toBeInstanceOf(UrlRefusedError);
    await expect(sending).rejects.toMatchObject({ reason: expect.stringMatching(`port ${other.port} is not allowed`) });
    expect(other.received).toEqual([]);
  });

  it('connects to the address it checked, not to what the system resolver would say', async () => {
    const app = await listen();
    const lookup: TLookup = (name) => Promise.resolve(name === 'app.invalid' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const result = await sendChecked(`http://app.invalid:${app.port}/cb`, { ...limits, policy: { allowPublic: false, loopbackPorts: [app.port] }, lookup });
    expect(result.status).toBe(200);
    expect(app.received[0]?.host).toBe(`app.invalid:${app.port}`);
  });

  it('re-resolves at every send: a name that now points at a refused address is refused', async () => {
    const app = await listen();
    let answer = '127.0.0.1';
    const lookup: TLookup = () => Promise.resolve([{ address: answer, family: 4 }]);
    const options = { ...limits, policy: { allowPublic: false, loopbackPorts: [app.port] }, lookup };
    await expect(sendChecked(`http://cb.invalid:${app.port}/`, options)).resolves.toMatchObject({ status: 200 });
    answer = '169.254.169.254';
    await expect(sendChecked(`http://cb.invalid:${app.port}/`, options)).rejects.toMatchObject({ reason: expect.stringMatching(/link-local/) });
    expect(app.received).toHaveLength(1);
  });

  it('does not follow a redirect: the target receives nothing', async () => {
    const target = await listen();
    const app = await listen((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${target.port}/stolen` }).end());
    const result = await sendChecked(`http://127.0.0.1:${app.port}/cb`, { ...limits, method: 'POST', body: '{}', policy: { allowPublic: false, loopbackPorts: [app.port, target.port] } });
    expect(result.status).toBe(307);
    expect(app.received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });

  it('cuts off a slow answer at the deadline', async () => {
    const app = await listen((_req, res) => res.writeHead(200).write('a')); // never ends
    const sending = sendChecked(`http://127.0.0.1:${app.port}/`, { timeoutMs: 300, maxResponseBytes: 1024, policy: { allowPublic: false, loopbackPorts: [app.port] } });
    await expect(sending).rejects.toBeInstanceOf(SendTimeoutError);
  });

  it('cuts off an answer longer than the cap, declared or streamed', async () => {
    const declared = await listen((_req, res) => res.writeHead(200, { 'content-length': String(10_000_000) }).write('x'.repeat(100)));
    const streamed = await listen((_req, res) => {
      res.writeHead(200);
      const chunk = 'y'.repeat(4096);
      const pump = () => { while (res.write(chunk)) { /* fill the socket */ } };
      res.on('drain', pump);
      pump();
    });
    for (const app of [declared, streamed]) {
      const sending = sendChecked(`http://127.0.0.1:${app.port}/`, { timeoutMs: 20_000, maxResponseBytes: 64 * 1024, policy: { allowPublic: false, loopbackPorts: [app.port] } });
      await expect(sending).rejects.toBeInstanceOf(ResponseTooLargeError);
    }
  });

  it('stops when the caller aborts', async () => {
    const app = await listen(() => undefined); // never answers
    const aborter = new AbortController();
    const sending = sendChecked(`http://127.0.0.1:${app.port}/`, { ...limits, signal: aborter.signal, policy: { allowPublic: false, loopbackPorts: [app.port] } });
    setTimeout(() => aborter.abort(new Error('closing')), 50);
    await expect(sending).rejects.toThrow(/closing|abort/i);
  });
});
