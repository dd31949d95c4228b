/**
 * Conformance of the sandbox agent's Mp1, as apps see it through the gateway: every Mp1 answer
 * the record holds (the fixture app's and a round of "try it" calls over both MEC 011 APIs,
 * platform services included) validates against the official ETSI MEC 011 v2.1.1 schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSite } from './site';
import { checkMp1Answer } from './testing/mec011-validator';
import { buildAgentBundle, cleanup, deployFixture, freePort, openSite, scratchDir, waitFor } from './testing/site-fixture';

let site: TSite;
let dir: string;
let appPort: number;

beforeAll(async () => {
  await buildAgentBundle();
  dir = await scratchDir();
  site = await openSite(dir);
  appPort = await freePort();
  await deployFixture(site, dir, 'normal', appPort);
  await waitFor('the app subscribed', () => site.logs(undefined, 1000).items.some((l) => l.line.startsWith('step: subscribed')));
}, 240_000);

afterAll(async () => {
  await site?.destroy();
  await cleanup(dir);
});

const json = { 'content-type': 'application/json' };
const tryIt = (path: string, init: RequestInit = {}) => site.tryIt(new Request('http://portal.invalid/try', init), path);

describe("the sandbox agent's Mp1 through the gateway", () => {
  it('answers every MEC 011 operation an app makes as the official schemas say', async () => {
    const app = site.info().deployment!.appInstanceId;
    const location = (await (await tryIt('/mec_service_mgmt/v1/services?ser_name=LocationService')).json()) as { serInstanceId: string }[];
    const calls: [string, RequestInit?][] = [
      ['/mec_service_mgmt/v1/services'],
      [`/mec_service_mgmt/v1/services/${location[0]!.serInstanceId}`],
      ['/mec_service_mgmt/v1/transports'],
      [`/mec_service_mgmt/v1/applications/${app}/services`],
      [`/mec_service_mgmt/v1/applications/${app}/subscriptions`, { method: 'POST', headers: json, body: JSON.stringify({ subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference: `http://127.0.0.1:${appPort}/availability`, filteringCriteria: { serNames: ['RNIS'] } }) }],
      [`/mec_service_mgmt/v1/applications/${app}/subscriptions`],
      [`/mec_app_support/v1/applications/${app}/traffic_rules`],
      [`/mec_app_support/v1/applications/${app}/dns_rules`],
      [`/mec_app_support/v1/applications/${app}/subscriptions`],
      [`/mec_app_support/v1/applications/${app}/confirm_ready`, { method: 'POST', headers: json, body: JSON.stringify({ indication: 'READY' }) }],
      ['/mec_app_support/v1/timing/current_time'],
      ['/mec_app_support/v1/timing/timing_caps'],
    ];
    for (const [path, init] of calls) expect((await tryIt(path, init)).status, path).toBeLessThan(300);

    // The validator refuses what does not conform.
    expect(checkMp1Answer('GET', '/mec_service_mgmt/v1/services', 200, 'application/json', '[{"serName":1}]')).not.toEqual([]);
    const mp1Calls = [...site.calls({ limit: 100, api: 'mp1-service-mgmt' }).items, ...site.calls({ limit: 100, api: 'mp1-app-support' }).items];
    expect(mp1Calls.length).toBeGreaterThanOrEqual(calls.length + 4); // the app's token, confirm_ready and discovery too
    for (const call of mp1Calls) {
      const pathname = call.url.split('?')[0]!;
      expect(checkMp1Answer(call.method, pathname, call.status, call.response.headers['content-type'] ?? '', call.response.body), `${call.method} ${call.url} ${call.status}`).toEqual([]);
    }
  });
});
