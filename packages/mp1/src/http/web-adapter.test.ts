/** The handler in-process, without a port: plain objects, and Request/Response through toWebHandler. */
import { afterAll, describe, expect, it } from 'vitest';
import { generateAppCredentials } from '../auth/client-credentials';
import { createMp1Handler } from '../mp1-handler';
import { Mp1Registry } from '../registry/registry';
import { toWebHandler } from './web-adapter';

const registry = new Mp1Registry();
const creds = generateAppCredentials('app-1');
registry.addAppInstance({ appInstanceId: 'app-1', clientSecretHash: creds.clientSecretHash });
const handler = createMp1Handler({ registry, publicUrl: 'http://mep.example:8581/sandbox/s1', timeSourceTraceable: true });
afterAll(() => handler.close());

describe('createMp1Handler in-process', () => {
  it('serves under the public URL\'s path prefix and links to it', async () => {
    const token = await handler.handle({
      method: 'POST', url: '/sandbox/s1/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(`grant_type=client_credentials&client_id=app-1&client_secret=${creds.clientSecret}`),
    });
    expect(token.status).toBe(200);
    const { access_token } = JSON.parse(token.body!) as { access_token: string };
    const transports = await handler.handle({ method: 'GET', url: '/sandbox/s1/mec_service_mgmt/v1/transports', headers: { authorization: `Bearer ${access_token}` } });
    expect(JSON.parse(transports.body!)).toMatchObject([{ endpoint: { uris: ['http://mep.example:8581/sandbox/s1'] }, security: { oAuth2Info: { tokenEndpoint: 'http://mep.example:8581/sandbox/s1/oauth2/token' } } }]);
    const time = await handler.handle({ method: 'GET', url: '/sandbox/s1/mec_app_support/v1/timing/current_time', headers: { authorization: `Bearer ${access_token}` } });
    expect(JSON.parse(time.body!)).toMatchObject({ timeSourceStatus: 'TRACEABLE' });
    const missing = await handler.handle({ method: 'GET', url: '/sandbox/s1/mec_service_mgmt/v1/services/x?y=1', headers: { authorization: `Bearer ${access_token}` } });
    expect(JSON.parse(missing.body!)).toMatchObject({ status: 404, instance: 'http://mep.example:8581/sandbox/s1/mec_service_mgmt/v1/services/x?y=1' });
  });
});

describe('toWebHandler', () => {
  it('answers a Request with a Response carrying status, headers and body', async () => {
    const fetchLike = toWebHandler(handler);
    const response = await fetchLike(new Request('http://mep.example:8581/sandbox/s1/mec_app_support/v1/applications/app-1/confirm_ready', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ indication: 'READY' }),
    }));
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mp1"');
    expect(await response.json()).toMatchObject({ status: 401, title: 'Authentication required' });
  });
});
