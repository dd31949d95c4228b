import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUpfAdapter, type TAdapterDeps } from '../create-upf-adapter';
import { NefEmulator, startNefEmulator } from '../testing/nef-emulator';
import type { TUpfAdapter } from '../upf-adapter';
import { upPathChangeHandler, type TUpPathChange } from './up-path-change';

const APP = '6f1c1f7e-3c1a-4d3e-9a55-0d6f0d1b2c3a';
const SECRET = 'nef-client-secret';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const forward = (id: string, filter: TTrafficRule['trafficFilter'][number], over: Partial<TTrafficRule> = {}): TTrafficRule => ({
  trafficRuleId: id, filterType: 'FLOW', priority: 1, trafficFilter: [filter], action: 'FORWARD_DECAPSULATED',
  dstInterface: { interfaceType: 'IP', dstIpAddress: '192.0.2.10' }, state: 'ACTIVE', ...over,
});
const dns = (id: string, over: Partial<TDnsRule> = {}): TDnsRule => ({ dnsRuleId: id, domainName: 'app.mec.example', ipAddressType: 'IP_V4', ipAddress: '192.0.2.10', ttl: 30, state: 'ACTIVE', ...over });

let nef: NefEmulator;
let dataDir: string;
let deps: TAdapterDeps;
const settings = (over: Record<string, string> = {}) => ({ apiRoot: nef.url, afId: 'mecport-af', dnai: 'edge-1', dnn: 'internet', snssaiSst: '1', snssaiSd: '0000FF', tokenUrl: nef.tokenUrl, clientId: 'mecport', requestTimeoutMs: '60000', ...over });
const adapter = (over: Record<string, string> = {}, env: TAdapterDeps['env'] = deps.env) => createUpfAdapter({ adapter: 'nef', settings: settings(over) }, { ...deps, env });
const subs = () => [...nef.subscriptions.values()];
const sent = (method: string) => nef.requests.filter((r) => r.method === method);

beforeEach(async () => {
  nef = await startNefEmulator({ dnais: ['edge-1', 'edge-2'], clients: { mecport: SECRET } });
  dataDir = await mkdtemp(path.join(tmpdir(), 'nef-adapter-'));
  deps = { dataDir, env: { MECPORT_NEF_CLIENT_SECRET: SECRET }, log: silent };
});

afterEach(async () => {
  // Every request the adapter sent and every answer the emulator gave conformed to TS 29.522.
  expect(nef.requests.flatMap((r) => r.errors)).toEqual([]);
  expect(nef.answerErrors).toEqual([]);
  await nef.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('nef adapter against the NEF emulator', () => {
  it('creates, updates and deletes an any-UE subscription, and repeats nothing', async () => {
    const a = await adapter();
    const rule = forward('r1', { srcAddress: ['10.60.0.0/16'], dstAddress: ['192.0.2.10'], dstPort: ['443'], protocol: ['TCP'] });
    expect(await a.apply({ appInstanceId: APP, appDId: 'hello-edge', trafficRules: [rule], dnsRules: [] })).toEqual([{ appInstanceId: APP, kind: 'traffic', ruleId: 'r1', state: 'applied' }]);
    expect(subs()).toHaveLength(1);
    const [created] = subs();
    expect(created!.path).toBe('udr');
    expect(created!.body).toMatchObject({
      anyUeInd: true, afServiceId: 'hello-edge', afTransId: `${APP}:r1`, dnn: 'internet', snssai: { sst: 1, sd: '0000ff' },
      trafficFilters: [{ flowId: 1, flowDescriptions: ['permit out 6 from 192.0.2.10 443 to 10.60.0.0/16'] }],
      trafficRoutes: [{ dnai: 'edge-1', routeInfo: { ipv4Addr: '192.0.2.10', portNumber: 0 } }],
    });
    expect(created!.body).not.toHaveProperty('afAppId'); // TS 29.522: afAppId XOR trafficFilters

    await a.apply({ appInstanceId: APP, appDId: 'hello-edge', trafficRules: [rule], dnsRules: [] });
    expect(nef.requests.map((r) => r.method)).toEqual(['POST', 'GET']); // unchanged: only confirmed

    const changed = forward('r1', { srcAddress: ['10.60.0.0/16'], dstAddress: ['192.0.2.10'], dstPort: ['8443'], protocol: ['TCP'] });
    expect((await a.apply({ appInstanceId: APP, appDId: 'hello-edge', trafficRules: [changed], dnsRules: [] }))[0]!.state).toBe('applied');
    expect(sent('PUT')).toHaveLength(1);
    expect(subs()).toHaveLength(1);
    expect(subs()[0]!.id).toBe(created!.id);
    expect((subs()[0]!.body.trafficFilters as { flowDescriptions: string[] }[])[0]!.flowDescriptions).toEqual(['permit out 6 from 192.0.2.10 8443 to 10.60.0.0/16']);

    expect(await a.apply({ appInstanceId: APP, trafficRules: [], dnsRules: [] })).toEqual([]);
    expect(subs()).toHaveLength(0);
    expect(sent('DELETE')).toHaveLength(1);
  });

  it('sends single UEs one subscription each, to the PCF path; a range stays one any-UE subscription on the UDR path', async () => {
    const a = await adapter();
    const perUe = forward('ue', { srcAddress: ['10.60.0.7', '10.60.0.8/32'], protocol: ['UDP'], dstPort: ['5000-5010'] });
    const anyUe = forward('any', { srcAddress: ['10.61.0.0/24'], protocol: ['UDP'] });
    const results = await a.apply({ appInstanceId: APP, trafficRules: [perUe, anyUe], dnsRules: [] });
    expect(results.map((r) => r.state)).toEqual(['applied', 'applied']);
    const byPath = (p: string) => subs().filter((s) => s.path === p).map((s) => s.body);
    expect(byPath('pcf').map((b) => b.ipv4Addr).sort()).toEqual(['10.60.0.7', '10.60.0.8']);
    expect(byPath('pcf').every((b) => b.anyUeInd === undefined)).toBe(true);
    expect(byPath('pcf')[0]!.trafficFilters).toEqual([{ flowId: 1, flowDescriptions: [expect.stringMatching(/^permit out 17 from any 5000-5010 to 10\.60\.0\.[78]$/)] }]);
    expect(byPath('udr')).toEqual([expect.objectContaining({ anyUeInd: true, afTransId: `${APP}:any` })]);

    // Dropping one UE deletes only its subscription.
    await a.apply({ appInstanceId: APP, trafficRules: [forward('ue', { srcAddress: ['10.60.0.7'], protocol: ['UDP'], dstPort: ['5000-5010'] }), anyUe], dnsRules: [] });
    expect(byPath('pcf').map((b) => b.ipv4Addr)).toEqual(['10.60.0.7']);
    expect(byPath('udr')).toHaveLength(1);
  });

  it('marks a rule failed with the NEF\'s reason when the NEF does not know the DNAI, and applies the others', async () => {
    const a = await adapter({ dnai: 'nowhere' });
    const [result] = await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] });
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringMatching(/400.*DNAI "nowhere" is unknown to this NEF.*OPTIONAL_IE_INCORRECT/) });
    expect(subs()).toHaveLength(0);
  });

  it('marks every rule failed with a clear reason when the NEF is down', async () => {
    const a = await adapter();
    await nef.close();
    const results = await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [dns('d1')] });
    expect(results.map((r) => r.state)).toEqual(['failed', 'failed']);
    expect(results[0]!.reason).toMatch(/^token URL http:\/\/127\.0\.0\.1:\d+\/oauth2\/token unreachable: ECONNREFUSED$/);
    nef = await startNefEmulator({ dnais: ['edge-1'], clients: { mecport: SECRET } }); // for afterEach
  });

  it('reaches a NEF without OAuth when no token URL is set, and reports the NEF down as unreachable', async () => {
    const open = await startNefEmulator({ dnais: ['edge-1'] });
    const a = await createUpfAdapter({ adapter: 'nef', settings: { apiRoot: open.url, afId: 'af', dnai: 'edge-1', requestTimeoutMs: '60000' } }, deps);
    await open.close();
    const [result] = await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] });
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^NEF at http:\/\/127\.0\.0\.1:\d+ unreachable: ECONNREFUSED$/) });
  });

  it('refuses calls without a token or with a wrong one; the adapter fetches one and renews a revoked one', async () => {
    const body = JSON.stringify({ anyUeInd: true, afAppId: 'x' });
    const url = `${nef.url}/3gpp-traffic-influence/v1/af/subscriptions`;
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged' }, body });
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(nef.subscriptions.size).toBe(0);
    nef.requests.length = 0; // those two were ours, not the adapter's

    const a = await adapter();
    expect((await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] }))[0]!.state).toBe('applied');
    nef.revokeTokens();
    expect((await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/24'] })], dnsRules: [] }))[0]!.state).toBe('applied');
    expect(nef.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PUT 401', 'PUT 200']);
  });

  it('names the missing secret variable, and the token endpoint\'s refusal of a wrong secret', async () => {
    const rules = { appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] };
    const [missing] = await (await adapter({}, {})).apply(rules);
    expect(missing).toMatchObject({ state: 'failed', reason: 'MECPORT_NEF_CLIENT_SECRET is not set on the node: no client secret for the token URL' });
    const [wrong] = await (await adapter({}, { MECPORT_NEF_CLIENT_SECRET: 'guess' })).apply(rules);
    expect(wrong).toMatchObject({ state: 'failed', reason: 'the token URL refused client mecport (invalid_client: unknown client or wrong secret)' });
    expect(nef.requests).toHaveLength(0);
  });

  it('reports what a NEF cannot do as unsupported, with the reason, and sends nothing for it', async () => {
    const a = await adapter();
    const filter = { srcAddress: ['10.60.0.0/16'] };
    const results = await a.apply({
      appInstanceId: APP, dnsRules: [],
      trafficRules: [
        forward('drop', filter, { action: 'DROP' }),
        forward('dup', filter, { action: 'DUPLICATE_ENCAPSULATED' }),
        forward('qci', { ...filter, qCI: 9 }),
        forward('nowhere', filter, { dstInterface: undefined }),
        forward('pass', filter, { action: 'PASSTHROUGH' }),
        forward('off', filter, { state: 'INACTIVE' }),
      ],
    });
    expect(results.map((r) => [r.ruleId, r.state, r.reason])).toEqual([
      ['drop', 'unsupported', 'a NEF (TS 29.522 traffic influence) routes traffic to a DNAI; it cannot drop it'],
      ['dup', 'unsupported', 'a NEF (TS 29.522 traffic influence) routes traffic to a DNAI; it cannot mirror (duplicate) it'],
      ['qci', 'unsupported', 'TS 29.522 trafficFilters cannot match qCI'],
      ['nowhere', 'unsupported', expect.stringContaining('no routeProfId')],
      ['pass', 'applied', undefined],
      ['off', 'applied', undefined],
    ]);
    expect(nef.requests).toHaveLength(0);
    expect((await a.capabilities()).trafficActions).not.toContain('DROP');
  });

  it('sends DNS rules as EAS deployment information, or leaves them to the agent when EAS deployment is off', async () => {
    const a = await adapter({ routeProfId: 'mec-profile' });
    const v6 = dns('d6', { domainName: 'v6.mec.example.', ipAddressType: 'IP_V6', ipAddress: '2001:db8::10' });
    expect((await a.apply({ appInstanceId: APP, appDId: 'hello-edge', trafficRules: [], dnsRules: [dns('d4'), v6] })).map((r) => r.state)).toEqual(['applied', 'applied']);
    expect([...nef.easInfos.values()].map((i) => i.body)).toEqual(expect.arrayContaining([
      expect.objectContaining({ appId: 'hello-edge', fqdnPatternList: [{ stringMatchingRule: { stringMatchingConditions: [{ matchingString: 'app.mec.example', matchingOperator: 'FULL_MATCH' }] } }], dnaiInfos: { 'edge-1': { dnai: 'edge-1', easIpAddrs: [{ ipv4Addr: '192.0.2.10' }] } } }),
      expect.objectContaining({ fqdnPatternList: [{ stringMatchingRule: { stringMatchingConditions: [{ matchingString: 'v6.mec.example', matchingOperator: 'FULL_MATCH' }] } }], dnaiInfos: { 'edge-1': { dnai: 'edge-1', easIpAddrs: [{ ipv6Addr: '2001:db8::10' }] } } }),
    ]));
    expect(await a.remove(APP)).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'd4', state: 'removed' }), expect.objectContaining({ ruleId: 'd6', state: 'removed' })]));
    expect(nef.easInfos.size).toBe(0);

    const off = await adapter({ easDeployment: 'off' });
    expect(await off.apply({ appInstanceId: APP, trafficRules: [], dnsRules: [dns('d4')] })).toEqual([expect.objectContaining({ state: 'unsupported', reason: expect.stringContaining('agent\'s DNS server') })]);
  });

  it('finds its subscriptions after a restart (same data dir): no duplicates, list reads them back from the NEF', async () => {
    const rule = forward('r1', { srcAddress: ['10.60.0.0/16'] });
    await (await adapter()).apply({ appInstanceId: APP, trafficRules: [rule], dnsRules: [dns('d1')] });
    const restarted: TUpfAdapter = await adapter();
    await restarted.apply({ appInstanceId: APP, trafficRules: [rule], dnsRules: [dns('d1')] });
    expect(sent('POST')).toHaveLength(2); // one subscription, one EAS entry: none twice
    expect(await restarted.list(APP)).toEqual({ appInstanceId: APP, trafficRules: [rule], dnsRules: [dns('d1')] });

    nef.subscriptions.clear(); // the operator deleted it at the NEF
    expect((await restarted.list(APP)).trafficRules).toEqual([]);
    expect((await restarted.apply({ appInstanceId: APP, trafficRules: [rule], dnsRules: [dns('d1')] })).map((r) => r.state)).toEqual(['applied', 'applied']);
    expect(subs()).toHaveLength(1); // the GET found it gone: created again
  });

  it('does not follow a redirect away from the configured API root', async () => {
    const elsewhere = await startNefEmulator({ dnais: ['edge-1'], clients: { mecport: SECRET } });
    const redirecting = await startNefEmulator({ dnais: ['edge-1'], clients: { mecport: SECRET }, redirectTo: elsewhere.url });
    const a = await createUpfAdapter({ adapter: 'nef', settings: settings({ apiRoot: redirecting.url, tokenUrl: redirecting.tokenUrl }) }, deps);
    const [result] = await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] });
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringContaining(`redirected POST /3gpp-traffic-influence/v1/mecport-af/subscriptions to ${elsewhere.url}`) });
    expect(elsewhere.requests).toEqual([]);
    await Promise.all([elsewhere.close(), redirecting.close()]);
  });

  it('applies several instances at once without losing an id', async () => {
    const a = await adapter();
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
    const all = await Promise.all(ids.map((id) => a.apply({ appInstanceId: id, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [dns('d1')] })));
    expect(all.flat().every((r) => r.state === 'applied')).toBe(true);
    const restarted = await adapter();
    for (const id of ids) expect((await restarted.list(id)).trafficRules).toHaveLength(1);
    expect(await Promise.all(ids.map((id) => restarted.remove(id)))).toEqual(ids.map(() => expect.arrayContaining([expect.objectContaining({ state: 'removed' })])));
    expect(nef.subscriptions.size + nef.easInfos.size).toBe(0);
  });

  it('never throws past the interface: an unwritable data dir fails the rules with the reason', async () => {
    const notADir = path.join(dataDir, 'file');
    await writeFile(notADir, '');
    const a = await createUpfAdapter({ adapter: 'nef', settings: settings() }, { ...deps, dataDir: notADir });
    const [result] = await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.0/16'] })], dnsRules: [] });
    expect(result).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^not applied: .*(ENOTDIR|EEXIST)/) });
  });

  it('refuses settings it cannot use, naming the field', async () => {
    await expect(adapter({ apiRoot: 'http://nef.example.com' })).rejects.toThrow(/apiRoot: must be https/);
    await expect(adapter({ snssaiSd: 'xyz' })).rejects.toThrow(/snssaiSd/);
    await expect(adapter({ clientId: '' , tokenUrl: nef.tokenUrl })).rejects.toThrow(/clientId/);
  });
});

describe('UP_PATH_CHANGE notifications', () => {
  let receiver: Server;
  let events: TUpPathChange[];
  beforeEach(async () => {
    events = [];
    const handle = upPathChangeHandler((e) => events.push(e));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void handle(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) })).then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('subscribes to UP_PATH_CHANGE at the configured callback and hands the NEF\'s notification to the agent', async () => {
    const callback = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/nef/notifications`;
    const a = await adapter({ notificationDestination: callback, dnaiChgType: 'LATE' });
    await a.apply({ appInstanceId: APP, trafficRules: [forward('r1', { srcAddress: ['10.60.0.7'] })], dnsRules: [] });
    const [sub] = subs();
    expect(sub!.body).toMatchObject({ notificationDestination: callback, subscribedEvents: ['UP_PATH_CHANGE'], dnaiChgType: 'LATE' });
    expect(await nef.sendUpPathChange(sub!.id, 'edge-2')).toBe(204);
    expect(events).toEqual([expect.objectContaining({ appInstanceId: APP, ruleId: 'r1', dnaiChgType: 'LATE', sourceDnai: 'edge-1', targetDnai: 'edge-2', ueAddress: '10.60.0.7' })]);
  });

  it('answers 400 problem+json to a body that is not an UP_PATH_CHANGE notification', async () => {
    const handle = upPathChangeHandler(() => expect.fail('no event expected'));
    const bad = await handle(new Request('http://x/n', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscribedEvent: 'UP_PATH_CHANGE' }) }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/dnaiChgType/);
  });
});
