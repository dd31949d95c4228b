/** MEC 011 application support over real HTTP: rules, subscriptions, ready, termination, timing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRuleChange } from './registry/events';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { startCallbackReceiver } from './testing/callback-receiver';
import { dnsRule, startMp1, trafficRule, type TMp1Harness } from './testing/harness';

const AS = '/mec_app_support/v1';
let h: TMp1Harness;
let tokenA: string;

beforeAll(async () => {
  h = await startMp1({ clock: undefined });
  tokenA = await h.tokenFor('app-a');
});
afterAll(() => h.close());

describe('traffic rules', () => {
  it('lists and reads the rules the host put in from the AppD', async () => {
    const list = await h.call('GET', `${AS}/applications/app-a/traffic_rules`, { token: tokenA });
    expect(list.status).toBe(200);
    expect((list.body as TTrafficRule[]).map((r) => [r.trafficRuleId, r.state])).toEqual([['tr-1', 'INACTIVE'], ['tr-2', 'ACTIVE']]);
    const one = await h.call('GET', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: tokenA });
    expect(one.body).toEqual(trafficRule('tr-1'));
    expect((await h.call('GET', `${AS}/applications/app-a/traffic_rules/nope`, { token: tokenA })).status).toBe(404);
  });

  it('PUT changes the state, answers the rule and tells the host once', async () => {
    const changes: TRuleChange<TTrafficRule>[] = [];
    h.registry.on('trafficRuleChanged', (c) => changes.push(c));
    const put = await h.call('PUT', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: tokenA, body: { ...trafficRule('tr-1'), state: 'ACTIVE' } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(trafficRule('tr-1', 'ACTIVE'));
    expect((await h.call('GET', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: tokenA })).body).toMatchObject({ state: 'ACTIVE' });
    // The same state again changes nothing, so the host is not told twice.
    await h.call('PUT', `${AS}/applications/app-a/traffic_rules/tr-1`, { token: tokenA, body: { ...trafficRule('tr-1'), state: 'ACTIVE' } });
    expect(changes).toEqual([{ appInstanceId: 'app-a', rule: trafficRule('tr-1', 'ACTIVE'), previousState: 'INACTIVE' }]);
  });

  it('PUT refuses another rule id, a change of anything but state, and an invalid body', async () => {
    const path = `${AS}/applications/app-a/traffic_rules/tr-2`;
    const wrongId = await h.call('PUT', path, { token: tokenA, body: trafficRule('tr-1', 'INACTIVE') });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body).toMatchObject({ status: 400, errors: [{ in: 'body', field: 'trafficRuleId' }] });
    const priority = await h.call('PUT', path, { token: tokenA, body: { ...trafficRule('tr-2'), priority: 7 } });
    expect(priority.status).toBe(400);
    expect((priority.body as { detail: string }).detail).toMatch(/priority: only state may be changed/);
    const badState = await h.call('PUT', path, { token: tokenA, body: { ...trafficRule('tr-2'), state: 'ON' } });
    expect(badState.status).toBe(400);
    expect((badState.body as { detail: string }).detail).toMatch(/^body\.state:/);
    const notJson = await h.call('PUT', path, { token: tokenA, raw: 'state=ACTIVE', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    expect((await h.call('GET', path, { token: tokenA })).body).toMatchObject({ state: 'ACTIVE', priority: 1 });
  });
});

describe('DNS rules', () => {
  it('lists, reads and flips the state of a DNS rule, telling the host', async () => {
    const changes: TRuleChange<TDnsRule>[] = [];
    h.registry.on('dnsRuleChanged', (c) => changes.push(c));
    expect((await h.call('GET', `${AS}/applications/app-a/dns_rules`, { token: tokenA })).body).toEqual([dnsRule('dns-1')]);
    expect((await h.call('GET', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA })).body).toEqual(dnsRule('dns-1'));
    const put = await h.call('PUT', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA, body: dnsRule('dns-1', 'ACTIVE') });
    expect(put.status).toBe(200);
    expect(changes).toEqual([{ appInstanceId: 'app-a', rule: dnsRule('dns-1', 'ACTIVE'), previousState: 'INACTIVE' }]);
    const stale = await h.call('PUT', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA, body: dnsRule('dns-1', 'INACTIVE'), headers: { 'if-match': '"not-the-current-tag"' } });
    expect(stale.status).toBe(412);
    const current = (await h.call('GET', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA })).headers.get('etag')!;
    expect((await h.call('PUT', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA, body: dnsRule('dns-1', 'ACTIVE'), headers: { 'if-match': current } })).status).toBe(200);
    const ip = await h.call('PUT', `${AS}/applications/app-a/dns_rules/dns-1`, { token: tokenA, body: { ...dnsRule('dns-1'), ipAddress: '10.0.0.1' } });
    expect(ip.status).toBe(400);
    expect((ip.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['ipAddress']);
    expect((await h.call('GET', `${AS}/applications/app-a/dns_rules/dns-9`, { token: tokenA })).status).toBe(404);
  });
});

describe('readiness', () => {
  it('confirm_ready marks the instance ready and tells the host; a wrong indication is refused', async () => {
    const ready: string[] = [];
    h.registry.on('appReady', ({ appInstanceId }) => ready.push(appInstanceId));
    const bad = await h.call('POST', `${AS}/applications/app-a/confirm_ready`, { token: tokenA, body: { indication: 'UP' } });
    expect(bad.status).toBe(400);
    expect(h.registry.appInstance('app-a')?.ready).toBe(false);
    const ok = await h.call('POST', `${AS}/applications/app-a/confirm_ready`, { token: tokenA, body: { indication: 'READY' } });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    expect(h.registry.appInstance('app-a')?.ready).toBe(true);
    // Confirming again (an app that restarted) is fine and tells the host nothing new.
    expect((await h.call('POST', `${AS}/applications/app-a/confirm_ready`, { token: tokenA, body: { indication: 'READY' } })).status).toBe(204);
    expect(ready).toEqual(['app-a']);
  });
});

describe('termination', () => {
  it('keeps termination subscriptions (create, list, read, delete) and refuses another instance id in the body', async () => {
    h.listensOn('app-a', 9); // nothing listens on the discard port: no notification goes anywhere
    const path = `${AS}/applications/app-a/subscriptions`;
    const body = { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: 'http://127.0.0.1:9/term', appInstanceId: 'app-a' };
    const created = await h.call('POST', path, { token: tokenA, body });
    expect(created.status).toBe(201);
    const self = (created.body as { _links: { self: { href: string } } })._links.self.href;
    expect(created.headers.get('location')).toBe(self);
    expect(self).toMatch(new RegExp(`^${h.url}${path}/[0-9a-f-]{36}$`));
    const list = await h.call('GET', path, { token: tokenA });
    expect(list.body).toEqual({ _links: { self: { href: `${h.url}${path}` }, subscriptions: [{ href: self, rel: 'AppTerminationNotificationSubscription' }] } });
    const subPath = new URL(self).pathname;
    expect((await h.call('GET', subPath, { token: tokenA })).body).toEqual({ ...body, _links: { self: { href: self } } });
    expect((await h.call('DELETE', subPath, { token: tokenA })).status).toBe(204);
    expect((await h.call('GET', subPath, { token: tokenA })).status).toBe(404);
    expect((await h.call('DELETE', subPath, { token: tokenA })).status).toBe(404);
    const other = await h.call('POST', path, { token: tokenA, body: { ...body, appInstanceId: 'app-b' } });
    expect(other.status).toBe(400);
    const wrongType = await h.call('POST', path, { token: tokenA, body: { ...body, subscriptionType: 'SerAvailabilityNotificationSubscription' } });
    expect(wrongType.status).toBe(400);
    const relative = await h.call('POST', path, { token: tokenA, body: { ...body, callbackReference: '/term' } });
    expect((relative.body as { errors: { field: string }[] }).errors[0]?.field).toBe('callbackReference');
  });

  it('confirm_termination without a termination in progress is a conflict', async () => {
    const r = await h.call('POST', `${AS}/applications/app-a/confirm_termination`, { token: tokenA, body: { operationAction: 'TERMINATING' } });
    expect(r.status).toBe(409);
    expect((r.body as { detail: string }).detail).toMatch(/No stop or termination/);
  });

  it('notifies the subscriber and resolves "confirmed" when the app confirms within the graceful timeout', async () => {
    const receiver = await startCallbackReceiver();
    h.listensOn('app-a', receiver.port);
    const path = `${AS}/applications/app-a/subscriptions`;
    const sub = await h.call('POST', path, { token: tokenA, body: { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: receiver.url('/term'), appInstanceId: 'app-a' } });
    const terminated = h.registry.terminate('app-a', { operationAction: 'STOPPING', maxGracefulTimeout: 60 });
    const [notification] = await receiver.waitFor(1);
    expect(notification!.body).toEqual({
      notificationType: 'AppTerminationNotification', operationAction: 'STOPPING', maxGracefulTimeout: 60,
      _links: { subscription: { href: (sub.body as { _links: { self: { href: string } } })._links.self.href }, confirmTermination: { href: `${h.url}${AS}/applications/app-a/confirm_termination` } },
    });
    expect(h.registry.appInstance('app-a')?.terminating).toBe('STOPPING');
    // confirm_ready is refused while the instance is being stopped.
    expect((await h.call('POST', `${AS}/applications/app-a/confirm_ready`, { token: tokenA, body: { indication: 'READY' } })).status).toBe(409);
    const mismatch = await h.call('POST', `${AS}/applications/app-a/confirm_termination`, { token: tokenA, body: { operationAction: 'TERMINATING' } });
    expect(mismatch.status).toBe(409);
    expect((mismatch.body as { detail: string }).detail).toMatch(/in progress is STOPPING/);
    const malformed = await h.call('POST', `${AS}/applications/app-a/confirm_termination`, { token: tokenA, body: { operationAction: 'PAUSING' } });
    expect(malformed.status).toBe(400);
    const confirm = await h.call('POST', new URL((notification!.body._links as { confirmTermination: { href: string } }).confirmTermination.href).pathname, { token: tokenA, body: { operationAction: 'STOPPING' } });
    expect(confirm.status).toBe(204);
    await expect(terminated).resolves.toEqual({ outcome: 'confirmed' });
    expect(h.registry.appInstance('app-a')?.terminating).toBeUndefined();
    await receiver.close();
    await h.call('DELETE', new URL((sub.body as { _links: { self: { href: string } } })._links.self.href).pathname, { token: tokenA });
  });

  it('resolves "timeout" when the app does not confirm within maxGracefulTimeout', async () => {
    const receiver = await startCallbackReceiver();
    h.listensOn('app-b', receiver.port);
    const tokenB = await h.tokenFor('app-b');
    await h.call('POST', `${AS}/applications/app-b/subscriptions`, { token: tokenB, body: { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: receiver.url('/b'), appInstanceId: 'app-b' } });
    const outcome = await h.registry.terminate('app-b', { operationAction: 'TERMINATING', maxGracefulTimeout: 1 });
    expect(outcome).toEqual({ outcome: 'timeout' });
    expect(receiver.received).toHaveLength(1);
    const late = await h.call('POST', `${AS}/applications/app-b/confirm_termination`, { token: tokenB, body: { operationAction: 'TERMINATING' } });
    expect(late.status).toBe(409);
    await receiver.close();
  });
});

describe('timing', () => {
  it('current_time answers seconds and nanoseconds of the platform clock and the time source status', async () => {
    const before = Date.now();
    const r = await h.call('GET', `${AS}/timing/current_time`, { token: tokenA });
    const after = Date.now();
    const t = r.body as { seconds: number; nanoSeconds: number; timeSourceStatus: string };
    expect(t.timeSourceStatus).toBe('NONTRACEABLE');
    expect(t.nanoSeconds).toBeGreaterThanOrEqual(0);
    expect(t.nanoSeconds).toBeLessThan(1e9);
    const ms = t.seconds * 1000 + t.nanoSeconds / 1e6;
    expect(ms).toBeGreaterThanOrEqual(before - 1);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('timing_caps answers a time stamp and the configured NTP servers and PTP masters', async () => {
    const r = await h.call('GET', `${AS}/timing/timing_caps`, { token: tokenA });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ timeStamp: { seconds: expect.any(Number), nanoSeconds: expect.any(Number) }, ntpServers: [], ptpMasters: [] });
  });
});
