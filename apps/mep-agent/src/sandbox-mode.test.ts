/**
 * The agent's options for the MEC sandbox, with the real agent against FakePortal: the Mp1 URL
 * it tells its apps (`--mp1-public-url`: a proxy that records their calls) and the platform's own
 * services it lists over Mp1 (`--platform-services`), so an app discovers them as on a MEC host.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cli } from './testing/agent-process';
import { FakePortal } from './testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const bundle = inject('agentBundle');
let portal: FakePortal;
const nodes: TestNode[] = [];

beforeAll(async () => {
  portal = await FakePortal.start();
});
afterAll(() => portal.stop());
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.cleanup()));
});

async function mp1Get(root: string, env: Record<string, string>, path: string): Promise<unknown> {
  const tokenRes = await fetch(env.MP1_TOKEN_URL!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.MP1_CLIENT_ID!, client_secret: env.MP1_CLIENT_SECRET! }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${root}${path}`, { headers: { authorization: `Bearer ${access_token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

const LOCATION = { serName: 'LocationService', version: '2.2.1', uri: 'http://127.0.0.1:18099/location/v2', category: { id: 'LocationService', name: 'Location', href: 'http://127.0.0.1:18099/location/v2', version: '2.2.1' } };

describe('mecport-agent run in sandbox mode', () => {
  it('tells its apps the --mp1-public-url, and lists the --platform-services over Mp1 GET /services (not as an app\'s in heartbeats)', async () => {
    const n = await TestNode.enrol(bundle, portal);
    nodes.push(n);
    const servicesFile = join(n.dataDir, 'platform-services.json');
    await writeFile(servicesFile, JSON.stringify([LOCATION]));
    // A path prefix under the agent's own Mp1 port stands in for the proxy: Mp1 takes requests under its public URL's path.
    const publicUrl = `http://127.0.0.1:${n.mp1Port}/via-gateway`;
    n.start({}, ['--mp1-public-url', publicUrl, '--platform-services', servicesFile]);
    const instance = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port: await freePort() })));
    n.appIds.add(instance.appInstanceId);
    portal.setDesired(n.nodeId, [instance]);

    // Hello Edge confirms ready and registers its service through MP1_API_ROOT, so this proves it was told the public URL.
    const beat = await waitFor('a heartbeat with the app ready and its service', () =>
      portal.node(n.nodeId).heartbeats.find((h) => h.instances.some((i) => i.ready) && h.services.length > 0), 60_000);
    expect(beat.services.map((s) => s.serName)).toEqual(['greeting']);
    const { env } = (await n.record(instance.appInstanceId)).spec;
    expect(env).toMatchObject({ MP1_API_ROOT: publicUrl, MP1_TOKEN_URL: `${publicUrl}/oauth2/token` });

    const services = (await mp1Get(publicUrl, env, '/mec_service_mgmt/v1/services')) as { serName: string }[];
    expect(services.map((s) => s.serName).sort()).toEqual(['LocationService', 'greeting']);
    const location = (await mp1Get(publicUrl, env, '/mec_service_mgmt/v1/services?ser_name=LocationService')) as Record<string, unknown>[];
    expect(location).toEqual([expect.objectContaining({
      serName: 'LocationService', version: '2.2.1', state: 'ACTIVE', serCategory: LOCATION.category, isLocal: true, scopeOfLocality: 'MEC_HOST',
      transportInfo: expect.objectContaining({ type: 'REST_HTTP', endpoint: { uris: [LOCATION.uri] }, security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'], tokenEndpoint: `${publicUrl}/oauth2/token` } } }),
    })]);
    const transports = (await mp1Get(publicUrl, env, '/mec_service_mgmt/v1/transports')) as { security: { oAuth2Info: { tokenEndpoint: string } } }[];
    expect(transports[0]!.security.oAuth2Info.tokenEndpoint).toBe(`${publicUrl}/oauth2/token`);

    // Without the option after a restart, the platform's services are gone (REMOVED), the app's stay.
    await n.kill('SIGTERM');
    n.start();
    await waitFor('Mp1 without the platform services', async () => {
      const names = ((await n.mp1Services(instance.appInstanceId)) ?? [{ serName: 'LocationService' }]).map((s) => s.serName);
      return !names.includes('LocationService') && names.includes('greeting');
    }, 30_000);
  });

  it('refuses a platform-services file that is not a list of services', async () => {
    const n = await TestNode.enrol(bundle, portal);
    nodes.push(n);
    const servicesFile = join(n.dataDir, 'bad.json');
    await writeFile(servicesFile, JSON.stringify([{ serName: 'LocationService', uri: 'not a url' }]));
    const result = await cli(bundle, ['run', '--data-dir', n.dataDir, '--mp1-port', String(n.mp1Port), '--platform-services', servicesFile], { MECPORT_AGENT_DNS_PORT: 'off' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.json is not a list of platform services/);
  });
});
