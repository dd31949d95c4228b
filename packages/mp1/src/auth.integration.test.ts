/** Token endpoint (OAuth2 client credentials) and token scoping on every Mp1 route, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMp1, type TMp1Harness } from './testing/harness';

const SM = '/mec_service_mgmt/v1';
const AS = '/mec_app_support/v1';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let now = Date.parse('2026-11-27T10:00:00Z');
let h: TMp1Harness;

beforeAll(async () => {
  h = await startMp1({ clock: () => now, tokenTtlSeconds: 60 });
});
afterAll(() => h.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('POST /oauth2/token', () => {
  it('issues a short-lived bearer token for HTTP Basic or body credentials, never cached', async () => {
    const { clientId, clientSecret } = h.credentials['app-a'];
    const viaBasic = await h.call('POST', '/oauth2/token', { raw: 'grant_type=client_credentials', headers: { ...FORM, authorization: basic(clientId, clientSecret) } });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: 'Bearer', expires_in: 60 });
    expect(viaBasic.headers.get('cache-control')).toBe('no-store');
    const viaBody = await h.call('POST', '/oauth2/token', { raw: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(), headers: FORM });
    expect(viaBody.status).toBe(200);
    expect((viaBody.body as { access_token: string }).access_token).not.toBe((viaBasic.body as { access_token: string }).access_token);
  });

  it('answers RFC 6749 errors: invalid_client (401), unsupported_grant_type, invalid_request', async () => {
    const { clientId, clientSecret } = h.credentials['app-a'];
    const wrongSecret = await h.call('POST', '/oauth2/token', { raw: 'grant_type=client_credentials', headers: { ...FORM, authorization: basic(clientId, h.credentials['app-b'].clientSecret) } });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ error: 'invalid_client' });
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic/);
    const unknownClient = await h.call('POST', '/oauth2/token', { raw: `grant_type=client_credentials&client_id=nobody&client_secret=${clientSecret}`, headers: FORM });
    expect(unknownClient.body).toMatchObject({ error: 'invalid_client' });
    const noCredentials = await h.call('POST', '/oauth2/token', { raw: 'grant_type=client_credentials', headers: FORM });
    expect(noCredentials.status).toBe(401);
    const password = await h.call('POST', '/oauth2/token', { raw: 'grant_type=password&username=a&password=b', headers: { ...FORM, authorization: basic(clientId, clientSecret) } });
    expect(password.status).toBe(400);
    expect(password.body).toMatchObject({ error: 'unsupported_grant_type' });
    const both = await h.call('POST', '/oauth2/token', { raw: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`, headers: { ...FORM, authorization: basic(clientId, clientSecret) } });
    expect(both.body).toMatchObject({ error: 'invalid_request' });
    const json = await h.call('POST', '/oauth2/token', { body: { grant_type: 'client_credentials' }, headers: { authorization: basic(clientId, clientSecret) } });
    expect(json.body).toMatchObject({ error: 'invalid_request' });
    const noGrant = await h.call('POST', '/oauth2/token', { raw: '', headers: { ...FORM, authorization: basic(clientId, clientSecret) } });
    expect(noGrant.body).toMatchObject({ error: 'invalid_request' });
    const get = await h.call('GET', '/oauth2/token');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('bearer tokens on Mp1 routes', () => {
  it('no token, a malformed or unknown token, and an expired token are 401 problems', async () => {
    const noToken = await h.call('GET', `${SM}/services`);
    expect(noToken.status).toBe(401);
    expect(noToken.contentType).toBe('application/problem+json');
    expect(noToken.body).toMatchObject({ type: 'urn:mecport:problem:unauthenticated', title: 'Authentication required', status: 401, instance: `${h.url}${SM}/services`, requestId: expect.any(String) });
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="mp1"');
    expect((await h.call('GET', `${SM}/services`, { headers: { authorization: 'Token abc' } })).status).toBe(401);
    const unknown = await h.call('GET', `${SM}/services`, { token: 'A'.repeat(43) });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const token = await h.tokenFor('app-a');
    expect((await h.call('GET', `${SM}/services`, { token })).status).toBe(200);
    now += 59_000;
    expect((await h.call('GET', `${SM}/services`, { token })).status).toBe(200);
    now += 1_000;
    const expired = await h.call('GET', `${SM}/services`, { token });
    expect(expired.status).toBe(401);
    expect((expired.body as { detail: string }).detail).toMatch(/expired/);
  });

  it('a client holds at most 16 live tokens: the 17th revokes the oldest, whose 401 says why', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 17; i++) tokens.push(await h.tokenFor('app-b'));
    const oldest = await h.call('GET', `${SM}/services`, { token: tokens[0] });
    expect(oldest.status).toBe(401);
    expect((oldest.body as { detail: string }).detail).toMatch(/at most 16 live tokens/);
    for (const token of tokens.slice(1)) expect((await h.call('GET', `${SM}/services`, { token })).status).toBe(200);
  });

  it('a token grants its own app instance\'s resources and discovery; another instance\'s are 403', async () => {
    const tokenA = await h.tokenFor('app-a');
    const own = [
      ['GET', `${SM}/applications/{app}/services`], ['POST', `${SM}/applications/{app}/services`],
      ['GET', `${SM}/applications/{app}/services/s1`], ['PUT', `${SM}/applications/{app}/services/s1`], ['DELETE', `${SM}/applications/{app}/services/s1`],
      ['GET', `${SM}/applications/{app}/subscriptions`], ['POST', `${SM}/applications/{app}/subscriptions`],
      ['GET', `${SM}/applications/{app}/subscriptions/x1`], ['DELETE', `${SM}/applications/{app}/subscriptions/x1`],
      ['GET', `${AS}/applications/{app}/traffic_rules`], ['GET', `${AS}/applications/{app}/traffic_rules/tr-b`], ['PUT', `${AS}/applications/{app}/traffic_rules/tr-b`],
      ['GET', `${AS}/applications/{app}/dns_rules`], ['GET', `${AS}/applications/{app}/dns_rules/d1`], ['PUT', `${AS}/applications/{app}/dns_rules/d1`],
      ['GET', `${AS}/applications/{app}/subscriptions`], ['POST', `${AS}/applications/{app}/subscriptions`],
      ['GET', `${AS}/applications/{app}/subscriptions/x1`], ['DELETE', `${AS}/applications/{app}/subscriptions/x1`],
      ['POST', `${AS}/applications/{app}/confirm_ready`], ['POST', `${AS}/applications/{app}/confirm_termination`],
    ] as const;
    for (const [method, template] of own) {
      const r = await h.call(method, template.replace('{app}', 'app-b'), { token: tokenA, body: method === 'POST' || method === 'PUT' ? {} : undefined });
      expect(r.status, `${method} ${template}`).toBe(403);
      expect((r.body as { detail: string }).detail).toMatch(/app instance app-a does not grant access to the resources of app instance app-b/);
      // Without a token the same route is 401, before anything else is looked at.
      expect((await h.call(method, template.replace('{app}', 'app-b'))).status).toBe(401);
    }
    expect((await h.call('GET', `${AS}/applications/app-b/traffic_rules/tr-b`, { token: await h.tokenFor('app-b') })).status).toBe(200);
    for (const path of [`${SM}/services`, `${SM}/transports`, `${AS}/timing/current_time`, `${AS}/timing/timing_caps`]) {
      expect((await h.call('GET', path, { token: tokenA })).status, path).toBe(200);
    }
    expect((await h.call('GET', `${SM}/services/unknown`, { token: tokenA })).status).toBe(404);
  });

  it('a removed app instance\'s tokens stop working and its credentials no longer get tokens', async () => {
    const { generateAppCredentials } = await import('./auth/client-credentials');
    const c = generateAppCredentials('app-gone');
    h.registry.addAppInstance({ appInstanceId: 'app-gone', clientId: 'client-gone', clientSecret: c.clientSecret });
    const form = `grant_type=client_credentials&client_id=client-gone&client_secret=${c.clientSecret}`;
    const token = (await h.call('POST', '/oauth2/token', { raw: form, headers: FORM })).body as { access_token: string };
    expect((await h.call('GET', `${AS}/applications/app-gone/traffic_rules`, { token: token.access_token })).body).toEqual([]);
    h.registry.removeAppInstance('app-gone');
    expect((await h.call('GET', `${AS}/applications/app-gone/traffic_rules`, { token: token.access_token })).status).toBe(401);
    expect((await h.call('POST', '/oauth2/token', { raw: form, headers: FORM })).status).toBe(401);
    // The agent may add an instance of the same id again with new credentials: old tokens stay dead.
    h.registry.addAppInstance({ appInstanceId: 'app-gone', clientId: 'client-gone', clientSecret: generateAppCredentials('app-gone').clientSecret });
    expect((await h.call('GET', `${AS}/applications/app-gone/traffic_rules`, { token: token.access_token })).status).toBe(401);
    expect((await h.call('POST', '/oauth2/token', { raw: form, headers: FORM })).status).toBe(401);
  });
});

describe('HTTP edges', () => {
  it('unknown paths are 404, wrong methods 405 with Allow, oversized bodies 413, non-JSON bodies 415', async () => {
    const token = await h.tokenFor('app-a');
    const unknown = await h.call('GET', '/mec_location/v1/queries', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toBe('application/problem+json');
    const wrongMethod = await h.call('DELETE', `${SM}/services`, { token });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const big = await h.call('POST', `${SM}/applications/app-a/services`, { token, raw: JSON.stringify({ serName: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.contentType).toBe('application/problem+json');
    const form = await h.call('POST', `${SM}/applications/app-a/services`, { token, raw: 'serName=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const traced = await h.call('GET', `${SM}/transports`, { token, headers: { 'x-request-id': 'trace-1234567' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-1234567');
  });
});
