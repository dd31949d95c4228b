/**
 * Conformance (issue 13): every answer and every notification the emulated Location (MEC 013
 * v2.2.1) and RNIS (MEC 012 v2.1.1) services produce in a run of the real engine on the campus
 * scenario validates against the official ETSI schemas (ajv, `testing/spec-validator.ts`).
 * Notifications travel for real: the notifier POSTs them to a subscriber on loopback.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEngine } from '../engine/engine';
import { createEngine } from '../engine/create-engine';
import { loadScenario } from '../scenario/scenario-catalog';
import { createLocationService, type TEmulatedService } from './location/location-service';
import { createNotifier, type TNotifier } from './notifier';
import { createRnisService } from './rnis/rnis-service';
import { checkNotification, checkResponse } from './testing/spec-validator';
import { startSubscriber, type TSubscriber } from './testing/subscriber';

const ROOT = 'http://10.90.0.1:8080';
let engine: TEngine;
let subscriber: TSubscriber;
let notifier: TNotifier;
let services: TEmulatedService[];
const gateway = new Hono();
const checked: { operation: string; status: number; errors: string[]; declared: boolean }[] = [];

/** One call through the gateway, its answer checked against the spec; answers the parsed body. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON walked by the test
  const res = await gateway.request(path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  const result = checkResponse(method, new URL(path, ROOT).pathname, res.status, res.headers.get('content-type') ?? '', parsed);
  checked.push({ ...result, status: res.status });
  return { status: res.status, body: parsed as never };
}

beforeAll(async () => {
  engine = createEngine(await loadScenario('campus'), 1);
  subscriber = await startSubscriber();
  notifier = createNotifier({ policy: { allowPublic: false, loopbackPorts: [subscriber.port] } });
  const epochMs = Date.UTC(2026, 11, 5);
  const location = createLocationService({ engine, notifier, apiRoot: ROOT, epochMs });
  const rnis = createRnisService({ engine, notifier, apiRoot: ROOT, epochMs, appInstanceId: 'conformance' });
  services = [location, rnis];
  gateway.route(location.basePath, location.app);
  gateway.route(rnis.basePath, rnis.app);
});

afterAll(async () => {
  for (const s of services) s.close();
  await notifier.close();
  await subscriber.close();
});

describe('emulated services against the ETSI schemas, on the real engine', () => {
  it('answers every Location query and error as the spec says', async () => {
    engine.advance(5);
    const users = await call('GET', '/location/v2/queries/users');
    expect(users.body.userList.user.length).toBeGreaterThan(10);
    const first = users.body.userList.user[0] as { address: string; zoneId: string; accessPointId: string };
    await call('GET', `/location/v2/queries/users?zoneId=${first.zoneId}&accessPointId=${first.accessPointId}`);
    await call('GET', `/location/v2/queries/users?address=${first.address}`);
    await call('GET', '/location/v2/queries/zones');
    await call('GET', '/location/v2/queries/zones/zone-north');
    await call('GET', '/location/v2/queries/zones/zone-north/accessPoints');
    await call('GET', '/location/v2/queries/zones/zone-north/accessPoints/nr-north');
    await call('GET', '/location/v2/queries/distance?address=acr:10.100.0.1&address=acr:10.100.0.2');
    await call('GET', '/location/v2/queries/distance?address=acr:10.100.0.1&latitude=22.5333&longitude=113.9365');
    expect((await call('GET', '/location/v2/queries/zones/nowhere')).status).toBe(404);
    expect((await call('GET', '/location/v2/queries/zones/zone-north/accessPoints/nowhere')).status).toBe(404);
    expect((await call('GET', '/location/v2/queries/distance?address=acr:10.100.0.1')).status).toBe(400);
    expect((await call('GET', '/location/v2/queries/distance?address=acr:10.9.9.9&latitude=1&longitude=1')).status).toBe(404);
  });

  it('answers every RNIS query and error as the spec says', async () => {
    const rab = await call('GET', '/rni/v2/queries/rab_info');
    expect(rab.body.cellUserInfo.length).toBeGreaterThan(0);
    await call('GET', '/rni/v2/queries/rab_info?cell_id=1cc001001&qci=9');
    await call('GET', '/rni/v2/queries/plmn_info?app_ins_id=conformance');
    expect((await call('GET', '/rni/v2/queries/plmn_info')).status).toBe(400);
  });

  it('answers create, read, update, list and delete of every subscription kind as the spec says', async () => {
    const cb = (path: string) => ({ notifyURL: `${subscriber.url}/crud/${path}` });
    const bodies = {
      zonalTraffic: { zonalTrafficSubscription: { callbackReference: cb('zonalTraffic'), zoneId: 'zone-south', userEventCriteria: ['Entering'] } },
      userTracking: { userTrackingSubscription: { callbackReference: cb('userTracking'), address: 'acr:10.100.0.2' } },
      'area/circle': { circleNotificationSubscription: { callbackReference: cb('area/circle'), address: ['acr:10.100.0.1'], latitude: 22.53, longitude: 113.93, radius: 10, trackingAccuracy: 5, enteringLeavingCriteria: 'Entering', checkImmediate: false, frequency: 10 } },
      distance: { distanceNotificationSubscription: { callbackReference: cb('distance'), monitoredAddress: ['acr:10.100.0.1', 'acr:10.100.0.2'], distance: 1, trackingAccuracy: 1, criteria: 'AllWithinDistance', checkImmediate: false, frequency: 10 } },
    };
    for (const [path, body] of Object.entries(bodies)) {
      const created = await call('POST', `/location/v2/subscriptions/${path}`, body);
      expect(created.status).toBe(201);
      const url = new URL((Object.values(created.body as object)[0] as { resourceURL: string }).resourceURL).pathname;
      expect((await call('GET', url)).status).toBe(200);
      expect((await call('PUT', url, body)).status).toBe(200);
      expect((await call('GET', `/location/v2/subscriptions/${path}`)).status).toBe(200);
      expect((await call('DELETE', url)).status).toBe(204);
      expect((await call('GET', url)).status).toBe(404);
    }
    expect((await call('POST', '/location/v2/subscriptions/zonalTraffic', { zonalTrafficSubscription: {} })).status).toBe(400);
    const rnisBodies = [
      { subscriptionType: 'CellChangeSubscription', callbackReference: `${subscriber.url}/crud/rnis`, filterCriteriaAssocHo: {} },
      { subscriptionType: 'RabEstSubscription', callbackReference: `${subscriber.url}/crud/rnis`, filterCriteriaQci: { qci: 9 } },
    ];
    for (const body of rnisBodies) {
      const created = await call('POST', '/rni/v2/subscriptions', body);
      expect(created.status).toBe(201);
      const url = new URL((created.body as { _links: { self: { href: string } } })._links.self.href).pathname;
      expect((await call('GET', url)).status).toBe(200);
      expect((await call('PUT', url, created.body)).status).toBe(200);
      expect((await call('GET', '/rni/v2/subscriptions')).status).toBe(200);
      expect((await call('DELETE', url)).status).toBe(204);
      expect((await call('GET', url)).status).toBe(404);
    }
    expect((await call('POST', '/rni/v2/subscriptions', { subscriptionType: 'MeasTaSubscription', callbackReference: subscriber.url })).status).toBe(422);
  });

  it('sends every notification kind, each valid, over ten minutes of the campus scenario', async () => {
    const cb = (path: string) => ({ notifyURL: `${subscriber.url}/run/${path}` });
    await call('POST', '/location/v2/subscriptions/zonalTraffic', { zonalTrafficSubscription: { callbackReference: cb('zonalTraffic'), zoneId: 'zone-north' } });
    await call('POST', '/location/v2/subscriptions/zonalTraffic', { zonalTrafficSubscription: { callbackReference: { ...cb('zonalTraffic'), callbackData: 'south' }, zoneId: 'zone-south' } });
    for (const address of ['acr:10.100.0.1', 'acr:10.100.0.2', 'acr:10.100.0.4']) {
      await call('POST', '/location/v2/subscriptions/userTracking', { userTrackingSubscription: { callbackReference: cb('userTracking'), address } });
    }
    const alice = engine.view.uesByAddress.get('acr:10.100.0.1')!.location;
    await call('POST', '/location/v2/subscriptions/area/circle', { circleNotificationSubscription: {
      callbackReference: cb('area/circle'), address: ['acr:10.100.0.1'], latitude: alice[1], longitude: alice[0], radius: 30,
      trackingAccuracy: 5, enteringLeavingCriteria: 'Leaving', checkImmediate: false, frequency: 0,
    } });
    await call('POST', '/location/v2/subscriptions/distance', { distanceNotificationSubscription: {
      callbackReference: cb('distance'), monitoredAddress: ['acr:10.100.0.1'], referenceAddress: ['acr:10.100.0.3'], distance: 50_000,
      trackingAccuracy: 5, criteria: 'AllWithinDistance', checkImmediate: true, frequency: 0, count: 1,
    } });
    await call('POST', '/rni/v2/subscriptions', { subscriptionType: 'CellChangeSubscription', callbackReference: `${subscriber.url}/run/rnis`, filterCriteriaAssocHo: {} });
    await call('POST', '/rni/v2/subscriptions', { subscriptionType: 'RabEstSubscription', callbackReference: `${subscriber.url}/run/rnis`, filterCriteriaQci: { qci: 9 } });

    engine.advance(600);
    await notifier.idle();
    const run = subscriber.received.filter((r) => r.path.startsWith('/run/'));
    const kinds = new Set(run.map((r) => Object.keys(r.body as object)[0] === 'notificationType' ? (r.body as { notificationType: string }).notificationType : `${r.path}:${Object.keys(r.body as object)[0]}`));
    expect([...kinds].sort()).toEqual([
      '/run/area/circle:subscriptionNotification', '/run/distance:subscriptionNotification', '/run/userTracking:zonalPresenceNotification',
      '/run/zonalTraffic:zonalPresenceNotification', 'CellChangeNotification', 'RabEstNotification',
    ]);
    const invalid = run.flatMap((r) => {
      const path = r.path.slice('/run/'.length);
      return checkNotification(path === 'rnis' ? 'rnis' : 'location', path, r.body).map((e) => `${r.path}: ${e}`);
    });
    expect(invalid).toEqual([]);
    expect(notifier.stats()).toMatchObject({ dropped: 0, failed: 0, refused: 0 });
  });

  it('found every answer valid, and every status one the spec declares', () => {
    expect(checked.length).toBeGreaterThan(40);
    expect(checked.filter((c) => c.errors.length > 0)).toEqual([]);
    expect(checked.filter((c) => !c.declared).map((c) => `${c.operation} ${c.status}`)).toEqual([]);
  });
});
