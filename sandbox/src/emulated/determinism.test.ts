/**
 * Certification replays a scenario and compares: the emulated services must tell the same
 * notifications, byte for byte and in the same order, on every run of the same scenario, seed and
 * calls on the virtual clock, whatever the wall time (their stamps come from the sandbox clock).
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { loadScenario } from '../scenario/scenario-catalog';
import { createLocationService } from './location/location-service';
import { createRnisService } from './rnis/rnis-service';
import { createCollectingNotifier } from './testing/collecting-notifier';

async function run(): Promise<string[]> {
  const engine = createEngine(await loadScenario('campus'), 7);
  const notifier = createCollectingNotifier();
  const options = { engine, notifier, apiRoot: 'http://gw.test', epochMs: Date.UTC(2026, 0, 1) };
  const location = createLocationService(options);
  const rnis = createRnisService(options);
  const gateway = new Hono().route(location.basePath, location.app).route(rnis.basePath, rnis.app);
  const post = async (path: string, body: unknown) => {
    const res = await gateway.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
  };
  await post('/location/v2/subscriptions/zonalTraffic', { zonalTrafficSubscription: { callbackReference: { notifyURL: 'http://app.test/z' }, zoneId: 'zone-north' } });
  await post('/location/v2/subscriptions/userTracking', { userTrackingSubscription: { callbackReference: { notifyURL: 'http://app.test/u' }, address: 'acr:10.100.0.1' } });
  await post('/rni/v2/subscriptions', { subscriptionType: 'CellChangeSubscription', callbackReference: 'http://app.test/r', filterCriteriaAssocHo: {} });
  engine.advance(200);
  await post('/location/v2/subscriptions/area/circle', { circleNotificationSubscription: {
    callbackReference: { notifyURL: 'http://app.test/c' }, address: ['acr:10.100.0.1', 'acr:10.100.0.2'], latitude: 22.5333, longitude: 113.9365, radius: 150,
    trackingAccuracy: 5, enteringLeavingCriteria: 'Entering', checkImmediate: true, frequency: 0,
  } });
  engine.advance(600);
  return notifier.sent.map((n) => `${n.atSec} ${n.url} ${JSON.stringify(n.body)}`);
}

describe('emulated services on the virtual clock', () => {
  it('tell the same notifications in the same order on two runs', async () => {
    const first = await run();
    const second = await run();
    expect(first.length).toBeGreaterThan(20);
    expect(new Set(first.map((line) => line.split(' ')[1])).size).toBe(4); // every subscription told something
    expect(second).toEqual(first);
  });
});
