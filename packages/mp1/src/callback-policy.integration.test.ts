/**
 * SSRF through callbackReference (issue 10): notifications go only where the subscribing app
 * listens. Every listener here is one this test starts on 127.0.0.1; link-local, private and
 * public addresses are only ever judged (refused at subscribe time, before anything is sent).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TLookup } from '@mecport/url-policy';
import { startCallbackReceiver } from './testing/callback-receiver';
import { startMp1, type TMp1Harness } from './testing/harness';

const SM = '/mec_service_mgmt/v1';
const AS = '/mec_app_support/v1';

/** A bare loopback listener that counts what reaches it and answers as told. */
async function listener(answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.writeHead(204).end()) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, hits, url: (path = '/') => `http://127.0.0.1:${port}${path}`, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const warnings: { obj: Record<string, unknown>; msg?: string }[] = [];
const logger = { warn: (obj: object, msg?: string) => warnings.push({ obj: obj as Record<string, unknown>, msg }), error: () => undefined };
const names: Record<string, string> = { 'app.test': '127.0.0.1', 'metadata.test': '169.254.169.254' };
const lookup: TLookup = (name) => (names[name] ? Promise.resolve([{ address: names[name], family: 4 }]) : Promise.reject(Object.assign(new Error('no such name'), { code: 'ENOTFOUND' })));

let h: TMp1Harness;
let tokenA: string;
let tokenB: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  h = await startMp1({ logger, lookup, notifications: { attempts: 2, retryDelayMs: 10, timeoutMs: 1500, maxResponseBytes: 4096 } });
  [tokenA, tokenB] = await Promise.all([h.tokenFor('app-a'), h.tokenFor('app-b')]);
});
afterEach(async () => {
  for (const s of h.registry.services.subscriptionsOf('app-b')) h.registry.services.unsubscribe('app-b', s.subscriptionId);
  for (const s of h.registry.terminationSubscriptionsOf('app-a')) h.registry.unsubscribeTermination('app-a', s.subscriptionId);
  h.registry.setListenPorts('app-a', []);
  h.registry.setListenPorts('app-b', []);
  await Promise.all(closers.splice(0).map((close) => close()));
  warnings.length = 0;
});
afterAll(() => h.close());

const subscribeAvailability = (callbackReference: string) =>
  h.call('POST', `${SM}/applications/app-b/subscriptions`, { token: tokenB, body: { subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference } });
const subscribeTermination = (callbackReference: string) =>
  h.call('POST', `${AS}/applications/app-a/subscriptions`, { token: tokenA, body: { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference, appInstanceId: 'app-a' } });
const fieldErrors = (body: unknown) => (body as { errors: { field: string; message: string }[] }).errors;

/** Registers and removes a service of app-a: one ADDED and one REMOVED for every availability subscriber. */
async function changeAService(): Promise<void> {
  const body = { serName: 'probe', version: '1', state: 'ACTIVE', serializer: 'JSON', transportId: 'mp1-rest' };
  const created = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body });
  expect(created.status, created.text).toBe(201);
  await h.call('DELETE', `${SM}/applications/app-a/services/${(created.body as { serInstanceId: string }).serInstanceId}`, { token: tokenA });
  await h.mp1.handler.idle();
}

describe('at subscribe time', () => {
  it('refuses another loopback port (a listener the app did not declare), for both kinds of subscription, and that listener gets nothing', async () => {
    const app = await listener();
    const portal = await listener();
    closers.push(app.close, portal.close);
    h.listensOn('app-a', app.port);
    h.listensOn('app-b', app.port);
    for (const r of [await subscribeAvailability(portal.url('/api/health')), await subscribeTermination(portal.url('/api/health'))]) {
      expect(r.status, r.text).toBe(400);
      expect(r.contentType).toBe('application/problem+json');
      expect(fieldErrors(r.body)).toEqual([{ in: 'body', field: 'callbackReference', message: expect.stringMatching(new RegExp(`port ${portal.port} is not allowed.*own ports \\(${app.port}\\)`)) }]);
    }
    expect(h.registry.services.subscriptionsOf('app-b')).toEqual([]);
    expect(h.registry.terminationSubscriptionsOf('app-a')).toEqual([]);
    await changeAService();
    await h.registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 1 });
    await h.mp1.handler.idle();
    expect(portal.hits).toEqual([]);
  });

  it.each([
    ['the portal on loopback', 'http://127.0.0.1:3000/api/health'],
    ['the database by name', 'http://localhost:54329/'],
    ['loopback spelled in decimal', 'http://2130706433:3000/'],
    ['loopback spelled in hex', 'http://0x7f000001:3000/'],
    ['loopback spelled short', 'http://127.1:3000/'],
    ['IPv6 loopback', 'http://[::1]:3000/'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:3000/'],
    ['the unspecified address', 'http://0.0.0.0:3000/'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
    ['a name resolving to link-local', 'http://metadata.test/latest/meta-data/'],
    ['a private address', 'http://10.0.0.5/'],
    ['a unique-local address', 'http://[fd00::5]/'],
    ['a public address', 'http://93.184.215.14/'],
    ['a name that does not resolve', 'http://nowhere.test/'],
  ])('refuses %s (judged, never sent to)', async (_what, url) => {
    h.listensOn('app-b', 8090);
    const r = await subscribeAvailability(url);
    expect(r.status, r.text).toBe(400);
    expect(fieldErrors(r.body)[0]).toMatchObject({ field: 'callbackReference', message: expect.stringMatching(/^refused: /) });
  });

  it('accepts a range the operator allow-listed, and nothing beside it (judged only: nothing is sent)', async () => {
    const h2 = await startMp1({ callbackAllowCidrs: () => ['10.20.0.0/16'] });
    try {
      const token = await h2.tokenFor('app-a');
      const body = (url: string) => ({ subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: url, appInstanceId: 'app-a' });
      const inside = await h2.call('POST', `${AS}/applications/app-a/subscriptions`, { token, body: body('http://10.20.3.4:9000/cb') });
      expect(inside.status, inside.text).toBe(201);
      // Removed at once: this test never terminates the app, so nothing is ever sent there.
      expect((await h2.call('DELETE', new URL((inside.body as { _links: { self: { href: string } } })._links.self.href).pathname, { token })).status).toBe(204);
      const beside = await h2.call('POST', `${AS}/applications/app-a/subscriptions`, { token, body: body('http://10.21.0.1:9000/cb') });
      expect(beside.status).toBe(400);
    } finally {
      await h2.close();
    }
  });
});

describe('at send time', () => {
  it('delivers to the app\'s declared port, by address or by a name that resolves there', async () => {
    const receiver = await startCallbackReceiver();
    closers.push(receiver.close);
    h.listensOn('app-b', receiver.port);
    expect((await subscribeAvailability(receiver.url('/by-address'))).status).toBe(201);
    expect((await subscribeAvailability(`http://app.test:${receiver.port}/by-name`)).status).toBe(201);
    await changeAService();
    expect((await receiver.waitFor(2, '/by-address')).length).toBe(2);
    expect((await receiver.waitFor(2, '/by-name')).length).toBe(2);
  });

  it('checks again at every send: a port the app no longer declares gets nothing', async () => {
    const app = await listener();
    closers.push(app.close);
    h.listensOn('app-b', app.port);
    expect((await subscribeAvailability(app.url('/cb'))).status).toBe(201);
    h.registry.setListenPorts('app-b', []); // e.g. a new version declares other ports
    await changeAService();
    expect(app.hits).toEqual([]);
    expect(warnings).toContainEqual({ obj: expect.objectContaining({ error: expect.stringMatching(/URL refused: .*port .* is not allowed/) }), msg: 'Mp1 notification not delivered' });
  });

  it('does not follow a redirect, and does not retry it: the redirect target gets nothing', async () => {
    const target = await listener();
    const app = await listener((_req, res) => res.writeHead(307, { location: target.url('/stolen') }).end());
    closers.push(app.close, target.close);
    h.listensOn('app-a', app.port);
    h.listensOn('app-a', target.port); // even a target the app may reach is not followed to
    expect((await subscribeTermination(app.url('/term'))).status).toBe(201);
    await expect(h.registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 1 })).resolves.toEqual({ outcome: 'timeout' });
    await h.mp1.handler.idle();
    expect(app.hits).toEqual(['POST /term']);
    expect(target.hits).toEqual([]);
    expect(warnings).toContainEqual({ obj: expect.objectContaining({ error: 'HTTP 307: redirects are not followed' }), msg: 'Mp1 notification not delivered' });
  });

  it('cuts off a receiver that never finishes its answer, and one whose answer is too long', async () => {
    const slow = await listener((_req, res) => res.writeHead(200).write('.')); // never ends
    const huge = await listener((_req, res) => {
      res.writeHead(200);
      const pump = () => { while (res.write('x'.repeat(4096))) { /* fill the socket */ } };
      res.on('drain', pump);
      pump();
    });
    closers.push(slow.close, huge.close);
    h.listensOn('app-b', slow.port);
    h.listensOn('app-b', huge.port);
    expect((await subscribeAvailability(slow.url('/slow'))).status).toBe(201);
    expect((await subscribeAvailability(huge.url('/huge'))).status).toBe(201);
    await changeAService(); // resolves once every delivery has been given up
    const errors = warnings.filter((w) => w.msg === 'Mp1 notification not delivered').map((w) => `${String(w.obj.url)} ${String(w.obj.error)}`);
    expect(errors).toContainEqual(expect.stringMatching(/\/slow no complete answer within 1500 ms/));
    expect(errors).toContainEqual(expect.stringMatching(/\/huge the answer is longer than 4096 bytes/));
  });
});
