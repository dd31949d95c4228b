import { describe, expect, it } from 'vitest';
import { createLocationClient, findLocationApiRoot, locationApiRoot, zonalTrafficSubscription } from './testing/app-modules';
import { schemaErrors } from './testing/etsi-schemas';
import { recordingFetch } from './testing/recording-fetch';

const transport = (endpoint: unknown) => ({ id: 't1', name: 'REST', type: 'REST_HTTP', protocol: 'HTTP', version: '2.0', endpoint, security: {} });
const service = (serName: string, endpoint: unknown, extra: Record<string, unknown> = {}) => ({
  serInstanceId: `id-${serName}`, serName, version: '2.2.1', state: 'ACTIVE', serializer: 'JSON', transportInfo: transport(endpoint), ...extra,
});

describe('findLocationApiRoot', () => {
  it('finds the Location service by name or category among the services Mp1 lists, and its API root', () => {
    const greeting = service('greeting', { uris: ['http://127.0.0.1:8090/'] });
    const byName = service('meep-loc-serv', { uris: ['http://127.0.0.1:7001/location/v2/'] });
    const byCategory = service('positions', { uris: ['http://10.0.0.5:7002'] }, { serCategory: { href: 'http://127.0.0.1:7002/catalogue/location', id: 'loc', name: 'Location', version: '2.2.1' } });
    const byAddress = service('location', { addresses: [{ host: '127.0.0.1', port: 7003 }] });
    expect(findLocationApiRoot([greeting, byName])).toBe('http://127.0.0.1:7001/location/v2');
    expect(findLocationApiRoot([greeting, byCategory])).toBe('http://10.0.0.5:7002/location/v2');
    expect(findLocationApiRoot([byAddress])).toBe('http://127.0.0.1:7003/location/v2');
    for (const s of [greeting, byName, byCategory, byAddress]) expect(schemaErrors('mec011', 'ServiceInfo', s)).toEqual([]);
  });

  it('ignores an inactive Location service and says undefined when there is none', () => {
    expect(findLocationApiRoot([service('location', { uris: ['http://127.0.0.1:7001'] }, { state: 'INACTIVE' })])).toBeUndefined();
    expect(findLocationApiRoot([service('greeting', { uris: ['http://127.0.0.1:8090/'] })])).toBeUndefined();
    expect(findLocationApiRoot([])).toBeUndefined();
  });

  it('keeps an API root that already ends in /location/v2', () => {
    expect(locationApiRoot('http://h:1/sbx/location/v2')).toBe('http://h:1/sbx/location/v2');
    expect(locationApiRoot('http://h:1/sbx/')).toBe('http://h:1/sbx/location/v2');
  });
});

describe('the zonal traffic subscription', () => {
  it('is a MEC 013 v2.2.1 ZonalTrafficSubscription for every user event, the zone as callbackData', () => {
    const body = zonalTrafficSubscription({ zoneId: 'zone01', notifyURL: 'http://127.0.0.1:8092/location/zonal-traffic', clientCorrelator: 'app:zone01' });
    expect(schemaErrors('mec013', 'ZonalTrafficSubscription', body.zonalTrafficSubscription)).toEqual([]);
    expect(body.zonalTrafficSubscription).toMatchObject({ zoneId: 'zone01', userEventCriteria: ['Entering', 'Leaving', 'Transferring'], callbackReference: { callbackData: 'zone01' } });
  });
});

describe('createLocationClient', () => {
  const root = 'http://127.0.0.1:7001/location/v2';
  const zoneList = { zoneList: { resourceURL: `${root}/queries/zones`, zone: [
    { zoneId: 'zone01', numberOfAccessPoints: 2, numberOfUnserviceableAccessPoints: 0, numberOfUsers: 3, resourceURL: `${root}/queries/zones/zone01` },
    { zoneId: 'zone02', numberOfAccessPoints: 1, numberOfUnserviceableAccessPoints: 1, numberOfUsers: 0, resourceURL: `${root}/queries/zones/zone02` },
  ] } };

  it('reads the zones and subscribes with the bearer token, returning the resourceURL', async () => {
    expect(schemaErrors('mec013', 'ZoneList', zoneList.zoneList)).toEqual([]);
    const created = { zonalTrafficSubscription: { ...zonalTrafficSubscription({ zoneId: 'zone01', notifyURL: 'http://127.0.0.1:8092/cb' }).zonalTrafficSubscription, resourceURL: `${root}/subscriptions/zonalTraffic/sub1` } };
    expect(schemaErrors('mec013', 'ZonalTrafficSubscription', created.zonalTrafficSubscription)).toEqual([]);
    const fetch = recordingFetch({
      [`GET ${root}/queries/zones`]: { status: 200, body: zoneList },
      [`POST ${root}/subscriptions/zonalTraffic`]: { status: 201, body: created },
      [`DELETE ${root}/subscriptions/zonalTraffic/sub1`]: { status: 204 },
    });
    const client = createLocationClient({ apiRoot: root, accessToken: async () => 'tok-1', fetch });
    expect(await client.zoneIds()).toEqual(['zone01', 'zone02']);
    expect(await client.subscribeZonalTraffic({ zoneId: 'zone01', notifyURL: 'http://127.0.0.1:8092/cb' })).toBe(`${root}/subscriptions/zonalTraffic/sub1`);
    await client.unsubscribe(`${root}/subscriptions/zonalTraffic/sub1`);
    expect(fetch.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${root}/queries/zones`, `POST ${root}/subscriptions/zonalTraffic`, `DELETE ${root}/subscriptions/zonalTraffic/sub1`,
    ]);
    expect(fetch.requests.every((r) => r.headers.authorization === 'Bearer tok-1')).toBe(true);
  });

  it('fails with the status when the service refuses, and when the answer has no resourceURL', async () => {
    const fetch = recordingFetch({
      [`POST ${root}/subscriptions/zonalTraffic`]: [{ status: 400, body: { title: 'bad zone' } }, { status: 201, body: { zonalTrafficSubscription: {} } }],
    });
    const client = createLocationClient({ apiRoot: root, accessToken: async () => 't', fetch });
    await expect(client.subscribeZonalTraffic({ zoneId: 'nope', notifyURL: 'http://127.0.0.1:1/cb' })).rejects.toThrow(/400 .*bad zone/);
    await expect(client.subscribeZonalTraffic({ zoneId: 'zone01', notifyURL: 'http://127.0.0.1:1/cb' })).rejects.toThrow(/without resourceURL/);
  });
});
