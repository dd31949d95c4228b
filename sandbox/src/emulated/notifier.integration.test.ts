import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier, type TNotificationRecord } from './notifier';

let server: Server;
let port: number;
const received: { path: string; body: string; contentType: string | undefined }[] = [];
let releaseSlow: (() => void)[] = [];

const bodyOf = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  req.on('data', (c: Buffer) => (text += c.toString()));
  req.on('end', () => resolve(text));
});

beforeAll(async () => {
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      received.push({ path: req.url ?? '', body, contentType: req.headers['content-type'] });
      if (req.url === '/redirect') return void res.writeHead(302, { location: `http://127.0.0.1:${port}/ok` }).end();
      if (req.url === '/slow') return void releaseSlow.push(() => res.writeHead(204).end());
      if (req.url === '/hang') return;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const policy = () => ({ allowPublic: false, loopbackPorts: [port] });
const note = (path: string, n = 1) => ({ api: 'location' as const, url: `http://127.0.0.1:${port}${path}`, body: { zonalPresenceNotification: { n } }, atSec: 7 });

describe('notifier', () => {
  it('POSTs JSON to the callback and records the exchange as a notification call', async () => {
    const records: TNotificationRecord[] = [];
    const notifier = createNotifier({ policy: policy(), onExchange: (r) => records.push(r) });
    expect(notifier.send(note('/ok'))).toBe(true);
    await notifier.idle();
    expect(received.at(-1)).toEqual({ path: '/ok', body: '{"zonalPresenceNotification":{"n":1}}', contentType: 'application/json' });
    expect(records).toEqual([expect.objectContaining({
      direction: 'notification', source: 'service', api: 'location', method: 'POST', url: `http://127.0.0.1:${port}/ok`, status: 204, atSec: 7,
      request: { headers: expect.objectContaining({ 'content-type': 'application/json' }), body: '{"zonalPresenceNotification":{"n":1}}', truncated: false },
    })]);
    expect(notifier.stats()).toMatchObject({ sent: 1, failed: 0, dropped: 0 });
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    const records: TNotificationRecord[] = [];
    const notifier = createNotifier({ policy: policy(), onExchange: (r) => records.push(r) });
    const before = received.length;
    notifier.send(note('/redirect'));
    await notifier.idle();
    expect(received.slice(before).map((r) => r.path)).toEqual(['/redirect']);
    expect(records[0]!.status).toBe(302);
    expect(notifier.stats().failed).toBe(1);
  });

  it('refuses callbacks outside the policy or the site rule without sending, and records why', async () => {
    const records: TNotificationRecord[] = [];
    const notifier = createNotifier({ policy: policy(), refuse: (url) => (url.pathname.startsWith('/admin') ? 'not an app path' : undefined), onExchange: (r) => records.push(r) });
    expect(notifier.check(`http://127.0.0.1:${port + 1}/x`)).toContain('port');
    expect(notifier.check(`http://127.0.0.1:${port}/admin`)).toBe('not an app path');
    const before = received.length;
    notifier.send({ ...note('/x'), url: `http://127.0.0.1:${port}/admin` });
    await notifier.idle();
    expect(received.length).toBe(before);
    expect(records[0]).toMatchObject({ status: 0, response: { body: 'refused: not an app path' } });
    expect(notifier.stats().refused).toBe(1);
  });

  it('gives up on a callback that does not answer in time', async () => {
    const records: TNotificationRecord[] = [];
    const notifier = createNotifier({ policy: policy(), timeoutMs: 200, onExchange: (r) => records.push(r) });
    notifier.send(note('/hang'));
    await notifier.idle();
    expect(records[0]).toMatchObject({ status: 0, response: { body: expect.stringContaining('no complete answer within 200 ms') } });
  });

  it('queues without blocking, bounded: beyond maxQueue it drops and counts', async () => {
    releaseSlow = [];
    const notifier = createNotifier({ policy: policy(), concurrency: 1, maxQueue: 2 });
    const accepted = [1, 2, 3, 4].map((n) => notifier.send(note('/slow', n)));
    // One in flight, two waiting, the fourth dropped: send() decided at once, before any answer.
    expect(accepted).toEqual([true, true, true, false]);
    expect(notifier.stats()).toMatchObject({ inFlight: 1, queued: 2, dropped: 1 });
    const done = notifier.idle();
    await expect.poll(() => releaseSlow.length, { timeout: 30_000 }).toBe(1);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => releaseSlow.length, { timeout: 30_000 }).toBeGreaterThan(0);
      releaseSlow.shift()!();
    }
    await done;
    expect(notifier.stats()).toMatchObject({ sent: 3, dropped: 1, queued: 0, inFlight: 0 });
  });

  it('drops what is queued on close and refuses further sends', async () => {
    releaseSlow = [];
    const notifier = createNotifier({ policy: policy(), concurrency: 1 });
    notifier.send(note('/slow'));
    notifier.send(note('/slow'));
    const closing = notifier.close();
    await expect.poll(() => releaseSlow.length, { timeout: 30_000 }).toBe(1);
    releaseSlow.shift()!();
    await closing;
    expect(notifier.send(note('/ok'))).toBe(false);
    expect(notifier.stats()).toMatchObject({ sent: 1, dropped: 2 });
  });
});
