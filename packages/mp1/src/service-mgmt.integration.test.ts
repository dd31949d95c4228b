/** MEC 011 service management over real HTTP: registration, discovery, transports, availability notifications. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServiceInfo } from '@mecport/contracts/mec011';
import { startCallbackReceiver } from './testing/callback-receiver';
import { startMp1, type TMp1Harness } from './testing/harness';

const SM = '/mec_service_mgmt/v1';
let h: TMp1Harness;
let tokenA: string;
let tokenB: string;

const category = (id: string) => ({ href: `http://catalogue.example/${id}`, id, name: id.toUpperCase(), version: '1' });
const transport = (port: number) => ({
  id: `tr-${port}`, name: 'REST', type: 'REST_HTTP', protocol: 'HTTP', version: '1.1',
  endpoint: { addresses: [{ host: '10.0.0.9', port }] }, security: {},
});
const service = (serName: string, extra: Record<string, unknown> = {}) => ({ serName, version: '1.0', state: 'ACTIVE', serializer: 'JSON', transportInfo: transport(8080), ...extra });

async function register(token: string, app: string, body: unknown): Promise<TServiceInfo> {
  const r = await h.call('POST', `${SM}/applications/${app}/services`, { token, body });
  expect(r.status, r.text).toBe(201);
  return r.body as TServiceInfo;
}

const subscribe = (token: string, app: string, callbackReference: string, filteringCriteria?: unknown) =>
  h.call('POST', `${SM}/applications/${app}/subscriptions`, { token, body: { subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference, ...(filteringCriteria ? { filteringCriteria } : {}) } });

beforeAll(async () => {
  h = await startMp1();
  [tokenA, tokenB] = await Promise.all([h.tokenFor('app-a'), h.tokenFor('app-b')]);
});
afterAll(() => h.close());

describe('registration', () => {
  it('POST assigns serInstanceId, fills the defaults and answers Location; GET, PUT and DELETE act on it', async () => {
    const r = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: service('rni', { serInstanceId: 'chosen-by-app', serCategory: category('rni') }) });
    expect(r.status).toBe(201);
    const created = r.body as TServiceInfo;
    expect(created.serInstanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ serName: 'rni', scopeOfLocality: 'MEC_HOST', consumedLocalOnly: false, isLocal: true });
    const path = `${SM}/applications/app-a/services/${created.serInstanceId}`;
    expect(r.headers.get('location')).toBe(`${h.url}${path}`);
    expect((await h.call('GET', path, { token: tokenA })).body).toEqual(created);
    expect((await h.call('GET', `${SM}/services/${created.serInstanceId}`, { token: tokenB })).body).toEqual(created);

    const etag = (await h.call('GET', path, { token: tokenA })).headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const put = await h.call('PUT', path, { token: tokenA, body: { ...created, state: 'INACTIVE' }, headers: { 'if-match': etag } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...created, state: 'INACTIVE' });
    expect(put.headers.get('etag')).not.toBe(etag);
    // A writer holding the old representation is refused instead of overwriting the change.
    const stale = await h.call('PUT', path, { token: tokenA, body: { ...created, state: 'ACTIVE' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect((await h.call('GET', path, { token: tokenA })).body).toMatchObject({ state: 'INACTIVE' });
    const wrongId = await h.call('PUT', path, { token: tokenA, body: { ...created, serInstanceId: 'other' } });
    expect(wrongId.status).toBe(400);
    const noTransport = await h.call('PUT', path, { token: tokenA, body: { ...created, transportInfo: undefined } });
    expect((noTransport.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('transportInfo');

    expect((await h.call('DELETE', path, { token: tokenA })).status).toBe(204);
    expect((await h.call('GET', path, { token: tokenA })).status).toBe(404);
    expect((await h.call('GET', `${SM}/services/${created.serInstanceId}`, { token: tokenA })).status).toBe(404);
    expect((await h.call('PUT', path, { token: tokenA, body: created })).status).toBe(404);
    expect((await h.call('DELETE', path, { token: tokenA })).status).toBe(404);
  });

  it('a platform transport is named by transportId; unknown ids, both or neither are refused', async () => {
    const transports = await h.call('GET', `${SM}/transports`, { token: tokenA });
    expect(transports.status).toBe(200);
    expect(transports.body).toEqual([{
      id: 'mp1-rest', name: 'REST', description: expect.any(String), type: 'REST_HTTP', protocol: 'HTTP', version: '1.1',
      endpoint: { uris: [h.url] }, security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'], tokenEndpoint: `${h.url}/oauth2/token` } },
    }]);
    const { transportInfo: _t, ...bare } = service('via-platform');
    const created = await register(tokenA, 'app-a', { ...bare, transportId: 'mp1-rest' });
    expect(created.transportInfo).toEqual((transports.body as unknown[])[0]);
    expect(created).not.toHaveProperty('transportId');
    const unknown = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: { ...bare, transportId: 'nope' } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { detail: string }).detail).toMatch(/transportId "nope"/);
    expect((await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: { ...service('x'), transportId: 'mp1-rest' } })).status).toBe(400);
    expect((await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: bare })).status).toBe(400);
    await h.call('DELETE', `${SM}/applications/app-a/services/${created.serInstanceId}`, { token: tokenA });
  });

  it('refuses invalid ServiceInfo with the offending field named', async () => {
    const bad = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: service('x', { serializer: 'YAML' }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ in: 'body', field: 'serializer' }] });
    const twoEndpoints = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: service('x', { transportInfo: { ...transport(1), endpoint: { uris: ['http://a.example'], addresses: [] } } }) });
    expect(twoEndpoints.status).toBe(400);
    const notAUri = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: service('x', { transportInfo: { ...transport(1), endpoint: { uris: ['http://a b/'] } } }) });
    expect(notAUri.status).toBe(400);
    expect(notAUri.body).toMatchObject({ errors: [{ in: 'body', field: 'transportInfo.endpoint.uris.0' }] });
    expect((await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, raw: '{"serName":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });
});

describe('URI references as MEC 011 gives them', () => {
  it('accepts the spec\'s own examples (relative references) for serCategory.href, endpoint uris and tokenEndpoint, and echoes them', async () => {
    // MecServiceMgmtApi.yaml: CategoryRef.Href, EndPointInfo.Uri and SecurityInfo.OAuth2Info.TokenEndpoint examples.
    const body = service('spec-example', {
      serCategory: { href: '/example/catalogue1', id: 'id12345', name: 'RNI', version: 'version1' },
      transportInfo: { ...transport(1), endpoint: { uris: ['/mecSerMgmtApi/service/EntryPoint'] }, security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'], tokenEndpoint: '/mecSerMgmtApi/security/TokenEndPoint' } } },
    });
    const created = await register(tokenA, 'app-a', body);
    expect(created.serCategory?.href).toBe('/example/catalogue1');
    const read = await h.call('GET', `${SM}/services/${created.serInstanceId}`, { token: tokenB });
    expect(read.body).toMatchObject({ serCategory: { href: '/example/catalogue1' }, transportInfo: { endpoint: { uris: ['/mecSerMgmtApi/service/EntryPoint'] } } });
    await h.call('DELETE', `${SM}/applications/app-a/services/${created.serInstanceId}`, { token: tokenA });
  });

  it('still refuses what is no URI reference at all', async () => {
    const bad = await h.call('POST', `${SM}/applications/app-a/services`, { token: tokenA, body: service('x', { serCategory: { href: 'two words', id: 'c', name: 'C', version: '1' } }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ in: 'body', field: 'serCategory.href', message: expect.stringContaining('URI') }] });
  });
});

describe('discovery', () => {
  let rni: TServiceInfo;
  let loc: TServiceInfo;
  let bw: TServiceInfo;

  beforeAll(async () => {
    rni = await register(tokenA, 'app-a', service('rni', { serCategory: category('rni') }));
    loc = await register(tokenA, 'app-a', service('location', { serCategory: category('loc'), state: 'INACTIVE', consumedLocalOnly: true, scopeOfLocality: 'ZONE' }));
    bw = await register(tokenB, 'app-b', service('bwm', { serCategory: category('bwm'), isLocal: false }));
  });
  afterAll(async () => {
    await h.call('DELETE', `${SM}/applications/app-a/services/${rni.serInstanceId}`, { token: tokenA });
    await h.call('DELETE', `${SM}/applications/app-a/services/${loc.serInstanceId}`, { token: tokenA });
    await h.call('DELETE', `${SM}/applications/app-b/services/${bw.serInstanceId}`, { token: tokenB });
  });

  const names = async (query: string, token = tokenB, base = `${SM}/services`) => {
    const r = await h.call('GET', `${base}${query}`, { token });
    expect(r.status, r.text).toBe(200);
    return (r.body as TServiceInfo[]).map((s) => s.serName).sort();
  };

  it('filters by instance ids, names or category, and by locality attributes, ANDed', async () => {
    expect(await names('')).toEqual(['bwm', 'location', 'rni']);
    expect(await names(`?ser_instance_id=${rni.serInstanceId}&ser_instance_id=${bw.serInstanceId}`)).toEqual(['bwm', 'rni']);
    expect(await names(`?ser_instance_id=${rni.serInstanceId},${loc.serInstanceId}`)).toEqual(['location', 'rni']);
    expect(await names('?ser_name=rni&ser_name=nothing')).toEqual(['rni']);
    expect(await names('?ser_category_id=loc')).toEqual(['location']);
    expect(await names('?consumed_local_only=true')).toEqual(['location']);
    expect(await names('?consumed_local_only=false')).toEqual(['bwm', 'rni']);
    expect(await names('?is_local=false')).toEqual(['bwm']);
    expect(await names('?scope_of_locality=MEC_HOST')).toEqual(['bwm', 'rni']);
    expect(await names('?ser_name=location&scope_of_locality=MEC_HOST')).toEqual([]);
    expect(await names('?ser_name=location,rni&is_local=true')).toEqual(['location', 'rni']);
  });

  it('lists only the calling app\'s own services under /applications/{id}/services', async () => {
    expect(await names('', tokenA, `${SM}/applications/app-a/services`)).toEqual(['location', 'rni']);
    expect(await names('?ser_name=rni', tokenA, `${SM}/applications/app-a/services`)).toEqual(['rni']);
    expect(await names('', tokenB, `${SM}/applications/app-b/services`)).toEqual(['bwm']);
    expect((await h.call('GET', `${SM}/applications/app-b/services/${rni.serInstanceId}`, { token: tokenB })).status).toBe(404);
  });

  it('refuses combined ser_instance_id / ser_name / ser_category_id, bad values and unknown parameters', async () => {
    for (const query of ['?ser_name=rni&ser_category_id=rni', `?ser_instance_id=${rni.serInstanceId}&ser_name=rni`]) {
      const r = await h.call('GET', `${SM}/services${query}`, { token: tokenB });
      expect(r.status).toBe(400);
      expect((r.body as { detail: string }).detail).toMatch(/mutually exclusive/);
    }
    expect((await h.call('GET', `${SM}/services?is_local=yes`, { token: tokenB })).body).toMatchObject({ errors: [{ in: 'query', field: 'is_local' }] });
    expect((await h.call('GET', `${SM}/services?scope_of_locality=CITY`, { token: tokenB })).status).toBe(400);
    expect((await h.call('GET', `${SM}/services?sername=rni`, { token: tokenB })).status).toBe(400);
  });
});

describe('availability subscriptions', () => {
  it('creates, lists, reads and deletes subscriptions; refuses bad criteria', async () => {
    h.listensOn('app-b', 9); // nothing listens on the discard port: no notification goes anywhere
    const created = await subscribe(tokenB, 'app-b', 'http://127.0.0.1:9/n', { serNames: ['rni'], states: ['ACTIVE'] });
    expect(created.status).toBe(201);
    const self = (created.body as { _links: { self: { href: string } } })._links.self.href;
    expect(created.headers.get('location')).toBe(self);
    expect(created.body).toEqual({ subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference: 'http://127.0.0.1:9/n', filteringCriteria: { serNames: ['rni'], states: ['ACTIVE'] }, _links: { self: { href: self } } });
    const list = await h.call('GET', `${SM}/applications/app-b/subscriptions`, { token: tokenB });
    expect(list.body).toEqual({ _links: { self: { href: `${h.url}${SM}/applications/app-b/subscriptions` }, subscriptions: [{ href: self, rel: 'SerAvailabilityNotificationSubscription' }] } });
    const path = new URL(self).pathname;
    expect((await h.call('GET', path, { token: tokenB })).body).toEqual(created.body);
    expect((await h.call('GET', path.replace('app-b', 'app-a'), { token: tokenA })).status).toBe(404);
    expect((await h.call('DELETE', path, { token: tokenB })).status).toBe(204);
    expect((await h.call('GET', path, { token: tokenB })).status).toBe(404);

    const both = await subscribe(tokenB, 'app-b', 'http://127.0.0.1:9/n', { serNames: ['rni'], serInstanceIds: ['x'] });
    expect(both.status).toBe(400);
    expect((both.body as { detail: string }).detail).toMatch(/mutually exclusive/);
    expect((await subscribe(tokenB, 'app-b', 'ftp://127.0.0.1/n')).status).toBe(400);
  });

  it('notifies matching subscribers of ADDED, STATE_CHANGED, ATTRIBUTES_CHANGED and REMOVED, never blocking the call', async () => {
    // The receiver holds its first answer: the registration must still answer at once.
    const receiver = await startCallbackReceiver((n) => (n === 1 ? 'hold' : 204));
    h.listensOn('app-b', receiver.port);
    const all = await subscribe(tokenB, 'app-b', receiver.url('/all'));
    const activeRni = await subscribe(tokenB, 'app-b', receiver.url('/active-rni'), { serNames: ['rni'], states: ['ACTIVE'] });
    await subscribe(tokenB, 'app-b', receiver.url('/other'), { serCategories: [category('bwm')] });
    const svc = await register(tokenA, 'app-a', service('rni', { serCategory: category('rni') }));
    const path = `${SM}/applications/app-a/services/${svc.serInstanceId}`;
    // The registration answered while the receiver still holds a notification: now let it go.
    await receiver.untilHeld();
    receiver.release();
    await h.call('PUT', path, { token: tokenA, body: { ...svc, state: 'INACTIVE' } });
    await h.call('PUT', path, { token: tokenA, body: { ...svc, state: 'INACTIVE' } }); // no change: no notification
    await h.call('PUT', path, { token: tokenA, body: { ...svc, state: 'ACTIVE', version: '1.1' } });
    await h.call('DELETE', path, { token: tokenA });

    const got = await receiver.waitFor(4, '/all');
    const ref = (n: (typeof got)[number]) => (n.body.serviceReferences as { changeType: string; state: string; serInstanceId: string; serName: string; link: { href: string } }[])[0]!;
    expect(got.map((n) => [ref(n).changeType, ref(n).state])).toEqual([['ADDED', 'ACTIVE'], ['STATE_CHANGED', 'INACTIVE'], ['ATTRIBUTES_CHANGED', 'ACTIVE'], ['REMOVED', 'ACTIVE']]);
    expect(got[0]!.body).toEqual({
      notificationType: 'SerAvailabilityNotification',
      serviceReferences: [{ link: { href: `${h.url}${SM}/services/${svc.serInstanceId}` }, serName: 'rni', serInstanceId: svc.serInstanceId, state: 'ACTIVE', changeType: 'ADDED' }],
      _links: { subscription: { href: (all.body as { _links: { self: { href: string } } })._links.self.href } },
    });
    const filtered = await receiver.waitFor(3, '/active-rni');
    expect(filtered.map((n) => ref(n).changeType)).toEqual(['ADDED', 'ATTRIBUTES_CHANGED', 'REMOVED']);
    expect(filtered[0]!.body._links).toEqual({ subscription: { href: (activeRni.body as { _links: { self: { href: string } } })._links.self.href } });
    await h.mp1.handler.idle();
    expect(receiver.received.filter((n) => n.path === '/other')).toEqual([]);
    await receiver.close();
    for (const s of h.registry.services.subscriptionsOf('app-b')) h.registry.services.unsubscribe('app-b', s.subscriptionId);
  });

  it('retries a failed delivery (5xx) and gives up on a 4xx', async () => {
    const flaky = await startCallbackReceiver((n) => (n === 1 ? 503 : 204));
    h.listensOn('app-b', flaky.port);
    await subscribe(tokenB, 'app-b', flaky.url('/flaky'));
    const svc = await register(tokenA, 'app-a', service('retry-me'));
    const [delivered] = await flaky.waitFor(1);
    expect((delivered!.body.serviceReferences as { serName: string }[])[0]!.serName).toBe('retry-me');
    expect(flaky.attempts).toBe(2);

    const gone = await startCallbackReceiver(() => 404);
    h.listensOn('app-b', gone.port);
    const sub = await subscribe(tokenB, 'app-b', gone.url('/gone'));
    await h.call('DELETE', `${SM}/applications/app-a/services/${svc.serInstanceId}`, { token: tokenA });
    await h.mp1.handler.idle();
    expect(gone.attempts).toBe(1);
    await Promise.all([flaky.close(), gone.close()]);
    await h.call('DELETE', new URL((sub.body as { _links: { self: { href: string } } })._links.self.href).pathname, { token: tokenB });
  });

  it('removing an app instance deregisters its services (REMOVED to subscribers) and drops its subscriptions', async () => {
    const receiver = await startCallbackReceiver();
    h.listensOn('app-b', receiver.port);
    const tokenC = await (async () => {
      const { generateAppCredentials } = await import('./auth/client-credentials');
      const c = generateAppCredentials('app-c');
      h.registry.addAppInstance({ appInstanceId: 'app-c', clientSecretHash: c.clientSecretHash, listenPorts: [receiver.port] });
      const r = await h.call('POST', '/oauth2/token', { raw: `grant_type=client_credentials&client_id=app-c&client_secret=${c.clientSecret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return (r.body as { access_token: string }).access_token;
    })();
    await subscribe(tokenB, 'app-b', receiver.url('/watch'));
    const svc = await register(tokenC, 'app-c', service('short-lived'));
    await subscribe(tokenC, 'app-c', receiver.url('/c-own'));
    h.registry.removeAppInstance('app-c');
    const got = await receiver.waitFor(2, '/watch');
    expect(got.map((n) => (n.body.serviceReferences as { changeType: string }[])[0]!.changeType)).toEqual(['ADDED', 'REMOVED']);
    expect((await h.call('GET', `${SM}/services/${svc.serInstanceId}`, { token: tokenB })).status).toBe(404);
    expect(h.registry.services.subscriptionsOf('app-c')).toEqual([]);
    // Its tokens stop working with it.
    expect((await h.call('GET', `${SM}/services`, { token: tokenC })).status).toBe(401);
    await receiver.close();
  });
});
