/**
 * Conformance walk: one app lifecycle that calls every operation of both MEC 011 v2.1.1 files and
 * gets its success answer, then checks that none was missed. Every response body (errors included)
 * and every notification is validated against the ETSI schemas by `testing/conformance-setup.ts`
 * after this file, as after every test file. Then the state survives a restart via snapshot/restore.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mp1Registry } from './registry/registry';
import { startCallbackReceiver } from './testing/callback-receiver';
import { startMp1, trafficRule, type TMp1Harness } from './testing/harness';
import { recorded } from './testing/recorder';
import { APIS, checkResponse, loadSpec, SPEC_DIR } from './testing/spec-validator';

const SM = '/mec_service_mgmt/v1';
const AS = '/mec_app_support/v1';
let h: TMp1Harness;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  h = await startMp1();
  receiver = await startCallbackReceiver();
  h.listensOn('app-a', receiver.port);
  h.listensOn('app-b', receiver.port);
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

const self = (body: unknown) => new URL((body as { _links: { self: { href: string } } })._links.self.href).pathname;

describe('MEC 011 v2.1.1 conformance', () => {
  it('the vendored files are the official v2.1.1 OpenAPI with the ETSI BSD-3-Clause licence', () => {
    for (const api of APIS) {
      const spec = loadSpec(api.file);
      expect(spec.openapi).toBe('3.0.2');
      expect(spec.info.version).toBe('2.1.1');
      expect(readFileSync(path.join(SPEC_DIR, api.file), 'utf8')).toContain('BSD-3-Clause');
    }
    expect(readFileSync(path.join(SPEC_DIR, 'LICENSE'), 'utf8')).toContain('Copyright 2019 ETSI');
  });

  it('every operation of both APIs answers its success status in one app lifecycle', async () => {
    const [a, b] = [await h.tokenFor('app-a'), await h.tokenFor('app-b')];
    // Consumer app-b watches availability; producer app-a registers, updates and deregisters.
    const sub = await h.call('POST', `${SM}/applications/app-b/subscriptions`, { token: b, body: { subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference: receiver.url('/availability'), filteringCriteria: { serNames: ['rni'], isLocal: true } } });
    await h.call('GET', `${SM}/applications/app-b/subscriptions`, { token: b });
    await h.call('GET', self(sub.body), { token: b });
    await h.call('GET', `${SM}/transports`, { token: a });
    const created = await h.call('POST', `${SM}/applications/app-a/services`, { token: a, body: { serName: 'rni', version: '2.1.1', state: 'ACTIVE', serializer: 'JSON', transportId: 'mp1-rest', serCategory: { href: 'http://catalogue.example/rni', id: 'rni', name: 'RNI', version: '2' } } });
    const id = (created.body as { serInstanceId: string }).serInstanceId;
    await h.call('GET', `${SM}/applications/app-a/services`, { token: a });
    await h.call('GET', `${SM}/applications/app-a/services/${id}`, { token: a });
    await h.call('PUT', `${SM}/applications/app-a/services/${id}`, { token: a, body: { ...(created.body as object), state: 'INACTIVE' } });
    await h.call('GET', `${SM}/services?ser_name=rni`, { token: b });
    await h.call('GET', `${SM}/services/${id}`, { token: b });
    // Application support: ready, rules, timing, termination.
    await h.call('POST', `${AS}/applications/app-a/confirm_ready`, { token: a, body: { indication: 'READY' } });
    await h.call('GET', `${AS}/applications/app-a/traffic_rules`, { token: a });
    await h.call('GET', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: a });
    await h.call('PUT', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: a, body: trafficRule('tr-1', 'ACTIVE') });
    await h.call('GET', `${AS}/applications/app-a/dns_rules`, { token: a });
    const dns = await h.call('GET', `${AS}/applications/app-a/dns_rules/dns-1`, { token: a });
    await h.call('PUT', `${AS}/applications/app-a/dns_rules/dns-1`, { token: a, body: { ...(dns.body as object), state: 'ACTIVE' } });
    await h.call('GET', `${AS}/timing/current_time`, { token: a });
    await h.call('GET', `${AS}/timing/timing_caps`, { token: a });
    const term = await h.call('POST', `${AS}/applications/app-a/subscriptions`, { token: a, body: { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: receiver.url('/termination'), appInstanceId: 'app-a' } });
    await h.call('GET', `${AS}/applications/app-a/subscriptions`, { token: a });
    await h.call('GET', self(term.body), { token: a });
    const terminated = h.registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 30 });
    await receiver.waitFor(1, '/termination');
    await h.call('POST', `${AS}/applications/app-a/confirm_termination`, { token: a, body: { operationAction: 'TERMINATING' } });
    expect(await terminated).toEqual({ outcome: 'confirmed' });
    await h.call('DELETE', `${SM}/applications/app-a/services/${id}`, { token: a });
    await h.call('DELETE', self(term.body), { token: a });
    await h.call('DELETE', self(sub.body), { token: b });
    await receiver.waitFor(3, '/availability');

    const succeeded = new Set(recorded.exchanges.filter((x) => x.status < 300).map((x) => checkResponse(x.method, new URL(x.url).pathname, x.status, x.contentType, x.body, x.text).operation));
    const operations = APIS.flatMap((api) => Object.entries(loadSpec(api.file).paths).flatMap(([p, item]) => Object.keys(item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${api.base}${p}`)));
    expect(operations).toHaveLength(26);
    expect(operations.filter((op) => !succeeded.has(op))).toEqual([]);
  });
});

describe('persistence across an agent restart', () => {
  it('a restored snapshot serves the same services, subscriptions, rule states and ready flags; apps only fetch a new token', async () => {
    const a = await h.tokenFor('app-a');
    const svc = await h.call('POST', `${SM}/applications/app-a/services`, { token: a, body: { serName: 'location', version: '2.2.1', state: 'ACTIVE', serializer: 'JSON', transportId: 'mp1-rest' } });
    const sub = await h.call('POST', `${SM}/applications/app-a/subscriptions`, { token: a, body: { subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference: receiver.url('/after-restart') } });
    await h.call('PUT', `${AS}/applications/app-a/traffic_rules/tr-2`, { token: a, body: trafficRule('tr-2', 'INACTIVE') });
    const reads = [`${SM}/services`, `${SM}/applications/app-a/subscriptions`, self(sub.body), `${AS}/applications/app-a/traffic_rules`, `${AS}/applications/app-a/dns_rules`, `${AS}/applications/app-a/subscriptions`];
    const before = await Promise.all(reads.map((p) => h.call('GET', p, { token: a })));

    // The agent writes the snapshot as JSON, stops, and a new process restores it on the same port.
    const saved = JSON.parse(JSON.stringify(h.registry.snapshot())) as unknown;
    await h.close();
    expect(JSON.stringify(saved)).not.toContain(h.credentials['app-a'].clientSecret);
    const restored = new Mp1Registry();
    restored.restore(saved);
    const h2 = await startMp1({ registry: restored, port: Number(new URL(h.url).port) });
    expect(h2.url).toBe(h.url);
    try {
      // The client's pooled connection died with the old server; like an app, try once more on a new one.
      const first = await h2.call('GET', `${SM}/services`, { token: a }).catch(() => h2.call('GET', `${SM}/services`, { token: a }));
      expect(first.status).toBe(401);
      // The same client credentials still work: the secret's hash was in the snapshot.
      const token = await (async () => {
        const { clientId, clientSecret } = h.credentials['app-a'];
        const r = await h2.call('POST', '/oauth2/token', { raw: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        return (r.body as { access_token: string }).access_token;
      })();
      const after = await Promise.all(reads.map((p) => h2.call('GET', p, { token })));
      expect(after.map((x) => x.body)).toEqual(before.map((x) => x.body));
      expect(restored.appInstance('app-a')?.ready).toBe(true);
      expect(restored.snapshot()).toEqual(saved);
      // Subscriptions are live after the restart: deregistering notifies the restored subscriber.
      await h2.call('DELETE', `${SM}/applications/app-a/services/${(svc.body as { serInstanceId: string }).serInstanceId}`, { token });
      const [removed] = await receiver.waitFor(1, '/after-restart');
      expect((removed!.body.serviceReferences as { changeType: string }[])[0]!.changeType).toBe('REMOVED');
    } finally {
      await h2.close();
    }
  });
});
