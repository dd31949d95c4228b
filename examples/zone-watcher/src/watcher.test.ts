/**
 * Zone Watcher's whole life in-process against a real Mp1 server (@mecport/mp1, what the MEP
 * agent serves) and a Location service that answers with spec-valid bodies: ready, service
 * registered, Location found on Mp1, one zonal traffic subscription per zone, a notification on
 * its page, and a confirmed termination that removes its subscriptions.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createMp1Server, Mp1Registry, type TMp1Server } from '@mecport/mp1';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLocation } from './testing/fake-location';
import { createAppServer, createWatcher, ownAddressTowards, readEnv, SERVICE_NAME } from './testing/app-modules';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function mp1Platform(): Promise<{ registry: Mp1Registry; url: string }> {
  const registry = new Mp1Registry();
  const server: TMp1Server = createMp1Server({ registry });
  const url = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  return { registry, url };
}

/** The platform lists Location as a service, as the sandbox's agent does. */
function listLocation(registry: Mp1Registry, apiRoot: string): void {
  registry.addAppInstance({ appInstanceId: 'mec-platform', clientSecret: randomBytes(32).toString('base64url') });
  registry.services.register('mec-platform', {
    serName: 'meep-loc-serv', serCategory: { href: `${apiRoot}/`, id: 'location', name: 'Location', version: '2.2.1' }, version: '2.2.1', state: 'ACTIVE', serializer: 'JSON',
    transportInfo: { id: 'loc-rest', name: 'REST', type: 'REST_HTTP', protocol: 'HTTP', version: '2.0', endpoint: { uris: [apiRoot] }, security: {} },
  } as Parameters<Mp1Registry['services']['register']>[1]);
}

async function startApp(mp1Url: string, registry: Mp1Registry, extraEnv: Record<string, string> = {}) {
  const log: string[] = [];
  let exited = 0;
  const appInstanceId = `zw-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const port = await freePort();
  // As the agent does: the declared port tells Mp1 where the app's callbacks may go.
  registry.addAppInstance({ appInstanceId, clientSecret, listenPorts: [port] });
  const env = readEnv({ MEC_APP_INSTANCE_ID: appInstanceId, MP1_API_ROOT: mp1Url, MP1_CLIENT_ID: appInstanceId, MP1_CLIENT_SECRET: clientSecret, PORT_HTTP: String(port), HOST: '127.0.0.1', ...extraEnv });
  const watcher = createWatcher({ env, log: (msg) => log.push(msg), exit: () => { exited += 1; }, discoveryRetryMs: 50 });
  const server = createAppServer({ state: watcher.state, onTermination: watcher.onTermination, log: (msg) => log.push(msg) });
  await new Promise<void>((resolve) => server.listen(port, env.host, resolve));
  cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { watcher, port, appInstanceId, log, exited: () => exited };
}

describe('Zone Watcher on a MEC platform', () => {
  it('confirms ready, registers its service, subscribes to every zone found on Mp1, shows a notification and terminates cleanly', async () => {
    const { registry, url } = await mp1Platform();
    const location = await FakeLocation.start(['zone01', 'zone02']);
    cleanups.push(() => location.stop());
    listLocation(registry, location.apiRoot);
    const app = await startApp(url, registry);

    await app.watcher.start();
    expect(registry.appInstance(app.appInstanceId)?.ready).toBe(true);
    expect(registry.services.find({}, app.appInstanceId).map((s) => s.serName)).toContain(SERVICE_NAME);
    expect(app.watcher.state.location).toMatchObject({ status: 'subscribed', source: 'mp1', apiRoot: location.apiRoot, subscriptions: [{ zoneId: 'zone01' }, { zoneId: 'zone02' }] });
    expect([...location.subscriptions.values()].map((s) => s.notifyURL)).toEqual([
      `http://127.0.0.1:${app.port}/location/zonal-traffic`, `http://127.0.0.1:${app.port}/location/zonal-traffic`,
    ]);
    expect(location.requests.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);

    expect(await location.notify('zone02', 'acr:10.100.0.7', 'Entering')).toEqual([204]);
    const json = (await (await fetch(`http://127.0.0.1:${app.port}/api/notifications`)).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ ready: true, received: 1, notifications: [{ seq: 1, zoneId: 'zone02', address: 'acr:10.100.0.7', userEventType: 'Entering' }] });
    const page = await (await fetch(`http://127.0.0.1:${app.port}/`)).text();
    expect(page).toContain('acr:10.100.0.7');
    expect(page).toContain('<span data-testid="zone-notification-count">1</span>');

    const { outcome } = await registry.terminate(app.appInstanceId, { operationAction: 'TERMINATING', maxGracefulTimeout: 10 });
    expect(outcome).toBe('confirmed');
    await expect.poll(() => app.exited()).toBe(1);
    expect(location.subscriptions.size).toBe(0);
    expect(location.schemaErrors).toEqual([]);
  });

  it('is ready without a Location service and keeps asking Mp1; LOCATION_API_ROOT is used only then', async () => {
    const { registry, url } = await mp1Platform();
    const app = await startApp(url, registry);
    void app.watcher.start();
    await expect.poll(() => app.watcher.state.location.status).toBe('waiting');
    await expect.poll(() => registry.appInstance(app.appInstanceId)?.ready).toBe(true);
    await registry.terminate(app.appInstanceId, { operationAction: 'STOPPING', maxGracefulTimeout: 10 });

    const location = await FakeLocation.start(['zone01']);
    cleanups.push(() => location.stop());
    const fallback = await startApp(url, registry, { LOCATION_API_ROOT: location.apiRoot });
    await fallback.watcher.start();
    expect(fallback.watcher.state.location).toMatchObject({ status: 'subscribed', source: 'env', subscriptions: [{ zoneId: 'zone01' }] });
  });

  it('calls back at its address towards the MEP (loopback here), or at CALLBACK_HOST when given', async () => {
    const { registry, url } = await mp1Platform();
    expect(await ownAddressTowards(url)).toBe('127.0.0.1');
    const location = await FakeLocation.start(['zone01']);
    cleanups.push(() => location.stop());
    listLocation(registry, location.apiRoot);
    const app = await startApp(url, registry, { CALLBACK_HOST: 'zone-watcher.mec.example' });
    await app.watcher.start();
    expect([...location.subscriptions.values()].map((s) => s.notifyURL)).toEqual([`http://zone-watcher.mec.example:${app.port}/location/zonal-traffic`]);
    const [service] = registry.services.find({}, app.appInstanceId).filter((s) => s.serName === SERVICE_NAME);
    expect(service?.transportInfo.endpoint).toEqual({ uris: [`http://zone-watcher.mec.example:${app.port}/api/notifications`] });
  });
});
