import { beforeEach, describe, expect, it } from 'vitest';
import { createCollectingNotifier, type TCollectingNotifier } from '../testing/collecting-notifier';
import { createFakeEngine, type TFakeEngine } from '../testing/fake-engine';
import { createLocationService, type TEmulatedService } from './location-service';

const ROOT = 'http://gw.test:8080';
const EPOCH = Date.UTC(2026, 0, 1);
const CB = 'http://app.test:9000/cb';

let engine: TFakeEngine;
let notifier: TCollectingNotifier;
let location: TEmulatedService;

// The answers are arbitrary JSON the assertions walk into; their shape is checked by the expectations.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TJson = Record<string, any>;

async function call(method: string, path: string, body?: unknown) {
  const res = await location.app.request(path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) }, undefined);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) as TJson : null };
}

beforeEach(() => {
  engine = createFakeEngine();
  notifier = createCollectingNotifier((url) => (url.includes('evil') ? 'not the app' : undefined));
  location = createLocationService({ engine, notifier, apiRoot: ROOT, epochMs: EPOCH });
  engine.place('ue-1', [7.42, 43.73], 'poa-4g-1');
  engine.place('ue-2', [7.445, 43.73], 'poa-4g-2');
  notifier.sent.length = 0;
});

describe('Location queries', () => {
  it('lists located users with their access point, zone and a point location, filtered by zone', async () => {
    const all = await call('GET', '/queries/users');
    expect(all.status).toBe(200);
    expect(all.body!.userList.user.map((u: { address: string }) => u.address)).toEqual(['acr:10.100.0.1', 'acr:10.100.0.2']);
    expect(all.body!.userList.user[0]).toEqual({
      address: 'acr:10.100.0.1', accessPointId: 'poa-4g-1', zoneId: 'zone-1', resourceURL: `${ROOT}/location/v2/queries/users?address=acr%3A10.100.0.1`,
      timestamp: { seconds: EPOCH / 1000, nanoSeconds: 0 },
      locationInfo: { latitude: [43.73], longitude: [7.42], shape: 2, timestamp: { seconds: EPOCH / 1000, nanoSeconds: 0 } },
    });
    const zone2 = await call('GET', '/queries/users?zoneId=zone-2');
    expect(zone2.body!.userList.user.map((u: { address: string }) => u.address)).toEqual(['acr:10.100.0.2']);
    const both = await call('GET', '/queries/users?address=acr:10.100.0.2,acr:10.100.0.1&accessPointId=poa-4g-1');
    expect(both.body!.userList.user.map((u: { address: string }) => u.address)).toEqual(['acr:10.100.0.1']);
  });

  it('counts users and unserviceable access points per zone; a POA down is Unserviceable', async () => {
    engine.setPoaUp('poa-5g-1', false);
    const zones = await call('GET', '/queries/zones');
    expect(zones.body!.zoneList.zone).toEqual([
      { zoneId: 'zone-1', numberOfAccessPoints: 2, numberOfUnserviceableAccessPoints: 1, numberOfUsers: 1, resourceURL: `${ROOT}/location/v2/queries/zones/zone-1` },
      { zoneId: 'zone-2', numberOfAccessPoints: 2, numberOfUnserviceableAccessPoints: 0, numberOfUsers: 1, resourceURL: `${ROOT}/location/v2/queries/zones/zone-2` },
    ]);
    const aps = await call('GET', '/queries/zones/zone-1/accessPoints');
    expect(aps.body!.accessPointList.accessPoint.map((a: Record<string, unknown>) => [a.accessPointId, a.connectionType, a.operationStatus, a.numberOfUsers]))
      .toEqual([['poa-4g-1', 'Macro', 'Serviceable', 1], ['poa-5g-1', 'Smallcell', 'Unserviceable', 0]]);
    const wifi = await call('GET', '/queries/zones/zone-2/accessPoints/poa-wifi-2');
    expect(wifi.body!.accessPointInfo).toMatchObject({ connectionType: 'Wifi', locationInfo: { latitude: [43.73], longitude: [7.44], shape: 2 } });
  });

  it('answers unknown zones and access points with a 404 problem', async () => {
    const zone = await call('GET', '/queries/zones/nowhere');
    expect(zone.status).toBe(404);
    expect(zone.type).toBe('application/problem+json');
    expect(zone.body).toMatchObject({ status: 404, title: 'Not found', detail: expect.stringContaining('nowhere') });
    expect((await call('GET', '/queries/zones/zone-1/accessPoints/poa-4g-2')).status).toBe(404);
  });

  it('measures distances between two users or a user and a point, and refuses a lone address', async () => {
    const two = await call('GET', '/queries/distance?address=acr:10.100.0.1&address=acr:10.100.0.2');
    expect(two.body!.terminalDistance.distance).toBeGreaterThan(2000);
    expect(two.body!.terminalDistance.distance).toBeLessThan(2020);
    const point = await call('GET', '/queries/distance?address=acr:10.100.0.1&latitude=43.73&longitude=7.42');
    expect(point.body!.terminalDistance.distance).toBe(0);
    const lone = await call('GET', '/queries/distance?address=acr:10.100.0.1');
    expect(lone.status).toBe(400);
    expect(lone.body!.errors[0]).toMatchObject({ in: 'query', field: 'address' });
    expect((await call('GET', '/queries/distance?address=acr:10.9.9.9&latitude=1&longitude=1')).status).toBe(404);
  });
});

describe('Location subscriptions', () => {
  const zonal = { zonalTrafficSubscription: { callbackReference: { notifyURL: CB, callbackData: 'x' }, zoneId: 'zone-2', userEventCriteria: ['Entering', 'Transferring'] } };

  it('creates, reads, updates, lists and deletes a zonalTraffic subscription; unknown ids are 404', async () => {
    const created = await call('POST', '/subscriptions/zonalTraffic', zonal);
    expect(created.status).toBe(201);
    const url = created.body!.zonalTrafficSubscription.resourceURL as string;
    expect(url).toBe(`${ROOT}/location/v2/subscriptions/zonalTraffic/sub-1`);
    expect((await call('GET', '/subscriptions/zonalTraffic/sub-1')).body).toEqual(created.body);
    const updated = await call('PUT', '/subscriptions/zonalTraffic/sub-1', { zonalTrafficSubscription: { ...zonal.zonalTrafficSubscription, zoneId: 'zone-1' } });
    expect(updated.body!.zonalTrafficSubscription.zoneId).toBe('zone-1');
    const list = await call('GET', '/subscriptions/zonalTraffic');
    expect(list.body!.notificationSubscriptionList.zonalTrafficSubscription).toHaveLength(1);
    expect((await call('DELETE', '/subscriptions/zonalTraffic/sub-1')).status).toBe(204);
    expect((await call('GET', '/subscriptions/zonalTraffic/sub-1')).status).toBe(404);
    expect((await call('DELETE', '/subscriptions/userTracking/sub-1')).status).toBe(404);
  });

  it('refuses bad bodies, unknown zones, refused callbacks and non-emulated kinds with problems naming the field', async () => {
    const bad = await call('POST', '/subscriptions/zonalTraffic', { zonalTrafficSubscription: { callbackReference: { notifyURL: 'nope' } } });
    expect(bad.status).toBe(400);
    expect(bad.body!.errors.map((e: { field: string }) => e.field).sort()).toEqual(['zonalTrafficSubscription.callbackReference.notifyURL', 'zonalTrafficSubscription.zoneId']);
    const zone = await call('POST', '/subscriptions/zonalTraffic', { zonalTrafficSubscription: { ...zonal.zonalTrafficSubscription, zoneId: 'zone-9' } });
    expect(zone.body!.errors[0]).toMatchObject({ field: 'zonalTrafficSubscription.zoneId', message: expect.stringContaining('zone-9') });
    const evil = await call('POST', '/subscriptions/userTracking', { userTrackingSubscription: { callbackReference: { notifyURL: 'http://evil.test/' }, address: 'acr:10.100.0.1' } });
    expect(evil.body!.errors[0].message).toContain('not the app');
    expect((await call('POST', '/subscriptions/zoneStatus', { zoneStatusSubscription: {} })).status).toBe(422);
    expect((await call('POST', '/subscriptions/zonalTraffic', 'not json')).status).toBe(400);
  });

  it('notifies zonal traffic: entering and transferring as asked, not leaving', async () => {
    await call('POST', '/subscriptions/zonalTraffic', zonal);
    engine.advance(3);
    engine.place('ue-1', [7.44, 43.73], 'poa-wifi-2'); // zone-1 -> zone-2: Leaving zone-1, Entering zone-2
    engine.place('ue-1', [7.445, 43.73], 'poa-4g-2'); // within zone-2: Transferring
    engine.place('ue-2', [7.5, 43.8], null); // Leaving zone-2: not asked
    expect(notifier.sent.map((n) => n.body)).toEqual([
      { zonalPresenceNotification: { zoneId: 'zone-2', address: 'acr:10.100.0.1', userEventType: 'Entering', currentAccessPointId: 'poa-wifi-2', previousAccessPointId: 'poa-4g-1', timestamp: { seconds: EPOCH / 1000 + 3, nanoSeconds: 0 }, callbackData: 'x', link: [{ rel: 'ZonalTrafficSubscription', href: `${ROOT}/location/v2/subscriptions/zonalTraffic/sub-1` }] } },
      { zonalPresenceNotification: expect.objectContaining({ zoneId: 'zone-2', userEventType: 'Transferring', currentAccessPointId: 'poa-4g-2', previousAccessPointId: 'poa-wifi-2' }) },
    ]);
    expect(notifier.sent.every((n) => n.url === CB && n.api === 'location' && n.atSec === 3)).toBe(true);
  });

  it('tracks one user across zones: Leaving the old zone then Entering the new one', async () => {
    await call('POST', '/subscriptions/userTracking', { userTrackingSubscription: { callbackReference: { notifyURL: CB }, address: 'acr:10.100.0.1' } });
    engine.place('ue-2', [7.42, 43.73], 'poa-4g-1'); // another user: nothing
    engine.place('ue-1', [7.445, 43.73], 'poa-4g-2');
    expect(notifier.sent.map((n) => (n.body as { zonalPresenceNotification: Record<string, unknown> }).zonalPresenceNotification)).toEqual([
      expect.objectContaining({ zoneId: 'zone-1', userEventType: 'Leaving', currentAccessPointId: 'poa-4g-1', link: [expect.objectContaining({ rel: 'UserTrackingSubscription' })] }),
      expect.objectContaining({ zoneId: 'zone-2', userEventType: 'Entering', currentAccessPointId: 'poa-4g-2', previousAccessPointId: 'poa-4g-1' }),
    ]);
    await call('DELETE', '/subscriptions/userTracking/sub-1');
    engine.place('ue-1', [7.42, 43.73], 'poa-4g-1');
    expect(notifier.sent).toHaveLength(2);
  });

  it('notifies a circle entered at the next tick, once, and checks immediately when asked', async () => {
    const circle = { circleNotificationSubscription: {
      callbackReference: { notifyURL: CB }, address: 'acr:10.100.0.3', latitude: 43.73, longitude: 7.42, radius: 100,
      trackingAccuracy: 10, enteringLeavingCriteria: 'Entering', checkImmediate: true, frequency: 0,
    } };
    const created = await call('POST', '/subscriptions/area/circle', circle);
    expect(created.body!.circleNotificationSubscription.address).toEqual(['acr:10.100.0.3']);
    expect(notifier.sent).toHaveLength(0); // ue-3 is outside: nothing to tell yet
    engine.place('ue-3', [7.4201, 43.7301], null);
    expect(notifier.sent).toHaveLength(0); // positions are checked per tick
    engine.advance(1);
    engine.advance(2);
    expect(notifier.sent.map((n) => n.body)).toEqual([{ subscriptionNotification: {
      enteringLeavingCriteria: 'Entering', isFinalNotification: false,
      link: [{ rel: 'CircleNotificationSubscription', href: `${ROOT}/location/v2/subscriptions/area/circle/sub-1` }],
      terminalLocation: [{ address: 'acr:10.100.0.3', currentLocation: { latitude: [43.7301], longitude: [7.4201], shape: 2, timestamp: { seconds: EPOCH / 1000 + 1, nanoSeconds: 0 } }, locationRetrievalStatus: 'Retrieved' }],
    } }]);
    await call('POST', '/subscriptions/area/circle', circle); // already inside + checkImmediate: told at once
    expect(notifier.sent).toHaveLength(2);
  });

  it('ends a circle subscription after its count, with a final notification', async () => {
    await call('POST', '/subscriptions/area/circle', { circleNotificationSubscription: {
      callbackReference: { notifyURL: CB }, address: ['acr:10.100.0.3'], latitude: 43.73, longitude: 7.42, radius: 100,
      trackingAccuracy: 10, enteringLeavingCriteria: 'Leaving', checkImmediate: false, frequency: 0, count: 1,
    } });
    engine.place('ue-3', [7.42, 43.73], null);
    engine.advance(1);
    engine.place('ue-3', [7.5, 43.8], null);
    engine.advance(2);
    expect(notifier.sent).toHaveLength(1);
    expect((notifier.sent[0]!.body as { subscriptionNotification: { isFinalNotification: boolean } }).subscriptionNotification.isFinalNotification).toBe(true);
    expect((await call('GET', '/subscriptions/area/circle/sub-1')).status).toBe(404);
  });

  it('notifies when two users come within a distance, at the tick it becomes true', async () => {
    const created = await call('POST', '/subscriptions/distance', { distanceNotificationSubscription: {
      callbackReference: { notifyURL: CB }, monitoredAddress: ['acr:10.100.0.1'], referenceAddress: ['acr:10.100.0.2'], distance: 500,
      trackingAccuracy: 10, criteria: 'AllWithinDistance', checkImmediate: true, frequency: 0,
    } });
    expect(created.status).toBe(201);
    engine.advance(1);
    expect(notifier.sent).toHaveLength(0);
    engine.place('ue-2', [7.421, 43.73], 'poa-4g-1');
    engine.advance(2);
    engine.advance(3);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]!.body).toMatchObject({ subscriptionNotification: { distanceCriteria: 'AllWithinDistance', isFinalNotification: false, terminalLocation: [{ address: 'acr:10.100.0.1' }, { address: 'acr:10.100.0.2' }] } });
    const lone = await call('POST', '/subscriptions/distance', { distanceNotificationSubscription: {
      callbackReference: { notifyURL: CB }, monitoredAddress: ['acr:10.100.0.1'], distance: 5, trackingAccuracy: 1, criteria: 'AnyWithinDistance', checkImmediate: false, frequency: 0,
    } });
    expect(lone.status).toBe(400);
  });

  it('forgets subscriptions on reset and stops listening on close', async () => {
    await call('POST', '/subscriptions/zonalTraffic', zonal);
    location.reset();
    expect(location.subscriptionCount()).toBe(0);
    await call('POST', '/subscriptions/zonalTraffic', zonal);
    location.close();
    engine.place('ue-1', [7.445, 43.73], 'poa-4g-2');
    expect(notifier.sent).toHaveLength(0);
  });
});
