import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUpfAdapter, type TAdapterDeps } from '../create-upf-adapter';
import { CamaraEmulator, startCamaraEmulator } from '../testing/camara-emulator';

const INSTANCE = '0c0ffee0-1111-4222-8333-444455556666';
const ZONE = '9a3f1d2e-7b6c-4d5e-8f90-a1b2c3d4e5f6';
const APP_ID = '6b29fc40-ca47-4067-b31d-00dd010662da';
const SECRET = 'camara-client-secret';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const forward = (id: string, filter: TTrafficRule['trafficFilter'][number], over: Partial<TTrafficRule> = {}): TTrafficRule => ({
  trafficRuleId: id, filterType: 'FLOW', priority: 10, trafficFilter: [filter], action: 'FORWARD_DECAPSULATED', state: 'ACTIVE', ...over,
});
const instance = (...trafficRules: TTrafficRule[]) => ({ appInstanceId: INSTANCE, appDId: 'hello-edge', trafficRules, dnsRules: [] });

let op: CamaraEmulator;
let deps: TAdapterDeps;
const settings = (over: Record<string, string> = {}) => ({
  apiRoot: op.url, apiConsumerId: 'mecport', edgeCloudZoneId: ZONE, appIds: JSON.stringify({ 'hello-edge': APP_ID }),
  tokenUrl: op.tokenUrl, clientId: 'mecport', activationPollMs: '10', activationTimeoutMs: '60000', requestTimeoutMs: '60000', ...over,
});
const adapter = (over: Record<string, string> = {}) => createUpfAdapter({ adapter: 'camara', settings: settings(over) }, deps);
const intents = () => [...op.intents.values()];

beforeEach(async () => {
  op = await startCamaraEmulator({ zones: [ZONE], clients: { mecport: SECRET } });
  deps = { dataDir: await mkdtemp(path.join(tmpdir(), 'camara-adapter-')), env: { MECPORT_CAMARA_CLIENT_SECRET: SECRET }, log: silent };
});

afterEach(async () => {
  // Every request conformed to traffic-influence.yaml v0.10, and so did every answer.
  expect(op.requests.flatMap((r) => r.errors)).toEqual([]);
  expect(op.answerErrors).toEqual([]);
  await op.close();
  await rm(deps.dataDir, { recursive: true, force: true });
});

describe('camara adapter against the CAMARA emulator', () => {
  it('creates an any-device intent for the app in the zone, applied once active; patches it; deletes it', async () => {
    const a = await adapter();
    const rule = forward('web', { dstPort: ['443'], protocol: ['TCP'] });
    expect(await a.apply(instance(rule))).toEqual([{ appInstanceId: INSTANCE, kind: 'traffic', ruleId: 'web', state: 'applied' }]);
    const [created] = intents();
    expect(created).toMatchObject({ state: 'active', body: { apiConsumerId: 'mecport', appId: APP_ID, edgeCloudZoneId: ZONE, destinationTrafficFilters: { destinationPort: 443, destinationProtocol: 'TCP' } } });
    expect(created!.device).toBeUndefined();
    expect(op.requests[0]).toMatchObject({ method: 'POST', path: '/traffic-influence/v0.10/traffic-influences', status: 201 });

    await a.apply(instance(forward('web', { dstPort: ['8443'], protocol: ['TCP'], srcPort: ['5000'] })));
    expect(intents()).toEqual([expect.objectContaining({ id: created!.id, state: 'active', body: expect.objectContaining({ sourceTrafficFilters: { sourcePort: 5000 }, destinationTrafficFilters: { destinationPort: 8443, destinationProtocol: 'TCP' } }) })]);
    expect(op.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

    expect(await a.remove(INSTANCE)).toEqual([{ appInstanceId: INSTANCE, kind: 'traffic', ruleId: 'web', state: 'removed' }]);
    expect(op.intents.size).toBe(0);
  });

  it('keeps the any-device intent when a per-device one is added, changed and removed beside it', async () => {
    const a = await adapter();
    const anyUe = forward('all', { protocol: ['UDP'] }, { priority: 20 });
    await a.apply(instance(anyUe));
    const [anyIntent] = intents();
    const perUe = (port: string) => forward('vip', { srcAddress: ['10.60.0.7'], dstPort: [port] }, { priority: 5 });

    expect((await a.apply(instance(anyUe, perUe('7000')))).map((r) => r.state)).toEqual(['applied', 'applied']);
    expect(intents().map((i) => i.device ?? 'any')).toEqual(['any', { ipv4Address: { publicAddress: '10.60.0.7', privateAddress: '10.60.0.7' } }]);
    expect(op.requests.filter((r) => r.path.endsWith('/traffic-influence-devices'))).toHaveLength(1);

    await a.apply(instance(anyUe, perUe('7001')));
    await a.apply(instance(anyUe));
    // The any-device intent stood throughout, untouched: no PATCH or DELETE ever named it.
    expect(intents()).toEqual([expect.objectContaining({ id: anyIntent!.id, state: 'active' })]);
    expect(op.requests.filter((r) => r.method !== 'GET' && r.path.endsWith(anyIntent!.id))).toEqual([]);
  });

  it('notices a platform with the implementers\' bug (a per-device intent replaced the any-device one): list drops the rule, apply restores it', async () => {
    await op.close();
    op = await startCamaraEmulator({ zones: [ZONE], clients: { mecport: SECRET }, perDeviceReplacesAnyDevice: true });
    const a = await adapter();
    const anyUe = forward('all', {}, { priority: 20 });
    const perUe = forward('vip', { srcAddress: ['10.60.0.7'] }, { priority: 5 });
    await a.apply(instance(anyUe, perUe));
    expect(intents().map((i) => i.device ?? 'any')).toHaveLength(1); // the platform dropped the any-device intent
    expect((await a.list(INSTANCE)).trafficRules).toEqual([perUe]);
    expect((await a.apply(instance(anyUe, perUe))).map((r) => r.state)).toEqual(['applied', 'applied']);
    expect(intents()).toHaveLength(2);
  });

  it('gives one intent per app, zone and device: a second rule for the same device is reported, not sent', async () => {
    const a = await adapter();
    const results = await a.apply(instance(forward('low', { srcAddress: ['10.60.0.7'], dstPort: ['80'] }, { priority: 50 }), forward('high', { srcAddress: ['10.60.0.7'], dstPort: ['443'] }, { priority: 1 })));
    expect(results).toEqual([
      expect.objectContaining({ ruleId: 'low', state: 'unsupported', reason: 'CAMARA holds one intent per app, zone and device: rule high (higher priority) already holds it here' }),
      expect.objectContaining({ ruleId: 'high', state: 'applied' }),
    ]);
    expect(intents()).toHaveLength(1);
  });

  it('reports what CAMARA cannot express, and DNS rules as the agent\'s', async () => {
    const a = await adapter();
    const results = await a.apply({
      ...instance(
        forward('drop', {}, { action: 'DROP' }),
        forward('dst', { dstAddress: ['192.0.2.10'] }),
        forward('range', { srcAddress: ['10.60.0.0/24'] }),
        forward('ports', { dstPort: ['8000-8080'] }),
        forward('two', { dstPort: ['80', '443'] }),
        forward('pass', {}, { action: 'PASSTHROUGH' }),
      ),
      dnsRules: [{ dnsRuleId: 'd1', domainName: 'app.mec.example', ipAddressType: 'IP_V4', ipAddress: '192.0.2.10', state: 'ACTIVE' }],
    });
    expect(results.map((r) => [r.ruleId, r.state, r.reason])).toEqual([
      ['drop', 'unsupported', expect.stringContaining('cannot drop')],
      ['dst', 'unsupported', expect.stringContaining('a destination address cannot be named')],
      ['range', 'unsupported', 'CAMARA names one device or any device: 10.60.0.0/24 is a range'],
      ['ports', 'unsupported', 'CAMARA intents take single ports, not ranges (8000-8080)'],
      ['two', 'unsupported', expect.stringContaining('2 port/protocol combinations for any device')],
      ['pass', 'applied', undefined],
      ['d1', 'unsupported', expect.stringContaining('DNS server')],
    ]);
    expect(op.requests).toHaveLength(0);
  });

  it('fails a rule whose intent ends in error (a zone the platform lacks), and one whose app has no appId', async () => {
    const [zone] = await (await adapter({ edgeCloudZoneId: '00000000-0000-4000-8000-000000000000' })).apply(instance(forward('web', {})));
    expect(zone).toMatchObject({ state: 'failed', reason: expect.stringMatching(/could not activate intent .* \(state error\)/) });
    expect(op.intents.size).toBe(0); // the failed intent was withdrawn

    const [app] = await (await adapter({ appIds: '{}' })).apply(instance(forward('web', {})));
    expect(app).toMatchObject({ state: 'failed', reason: 'no CAMARA appId for AppD hello-edge: add it to the node\'s appIds setting' });
  });

  it('fails every rule with a clear reason when the platform is down', async () => {
    const a = await adapter();
    await op.close();
    const [result] = await a.apply(instance(forward('web', {})));
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^token URL http:\/\/127\.0\.0\.1:\d+\/oauth2\/token unreachable: ECONNREFUSED$/) });
    op = await startCamaraEmulator({ zones: [ZONE] });
  });

  it('is refused without a token; fetches one, and renews it when revoked', async () => {
    const none = await fetch(`${op.url}/traffic-influence/v0.10/traffic-influences`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    op.requests.length = 0;

    const a = await adapter();
    await a.apply(instance(forward('web', { dstPort: ['443'] })));
    op.revokeTokens();
    expect(await a.list(INSTANCE)).toEqual({ appInstanceId: INSTANCE, trafficRules: [forward('web', { dstPort: ['443'] })], dnsRules: [] });
    expect(op.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('finds its intents after a restart and lists only those still standing', async () => {
    const rule = forward('web', { dstPort: ['443'] });
    await (await adapter()).apply(instance(rule));
    const restarted = await adapter();
    await restarted.apply(instance(rule));
    expect(op.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((await restarted.list(INSTANCE)).trafficRules).toEqual([rule]);
    op.intents.clear();
    expect((await restarted.list(INSTANCE)).trafficRules).toEqual([]);
  });
});
