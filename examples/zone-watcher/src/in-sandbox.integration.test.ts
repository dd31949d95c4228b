/**
 * Zone Watcher in a real sandbox site (`@mecport/sandbox` createSite: the campus scenario, the
 * emulated Location service, the real MEP agent in sandbox mode) on the virtual clock: it confirms
 * ready, finds Location on Mp1, subscribes to every zone, and after ten scenario minutes its own
 * page and JSON view show the zone notifications the site recorded as delivered to it.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { createSite, loadScenario, type TSandboxNetwork, type TSite } from '@mecport/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZoneWatcherOn } from './testing/zone-watcher-package';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = await mkdtemp(path.join(tmpdir(), 'zone-watcher-site-'));
let site: TSite | undefined;

/** The sandbox on loopback (no namespaces in unit tests): the app and the site on 127.0.0.1. */
const loopback: TSandboxNetwork = {
  shaping: { real: false, reason: 'the test runs on loopback' }, isolated: false, commandPrefix: [], siteAddress: '127.0.0.1', appSideAddress: '127.0.0.1',
  shapeUe: async () => {}, destroy: async () => {},
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function poll<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve().then(check).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function appJson(port: number): Promise<{ ready: boolean; received: number; location: { status: string; source: string; subscriptions: unknown[] }; notifications: { zoneId: string; address: string; userEventType: string }[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/notifications`, { signal: AbortSignal.timeout(2000) });
  return res.json() as Promise<never>;
}

beforeAll(async () => {
  // The site runs apps/mep-agent/bin/mecport-agent.mjs, which runs the agent's bundle.
  await promisify(execFile)('npm', ['run', '-s', 'build', '-w', '@mecport/mep-agent'], { cwd: ROOT });
}, 180_000);
afterAll(async () => {
  await site?.destroy();
  await rm(work, { recursive: true, force: true });
});

describe('Zone Watcher in a sandbox on the virtual clock', () => {
  it('subscribes to every zone found on Mp1, and its page shows the zone notifications of a ten-minute run', async () => {
    const scenario = await loadScenario('campus');
    site = await createSite({
      sandboxId: randomUUID(), dataDir: path.join(work, 'site'), network: loopback, scenario, seed: 7, clock: 'virtual',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(), rateLimitPerSec: 200,
    });
    const port = await freePort();
    const pkg = await buildZoneWatcherOn(work, port);
    await site.deploy({ appId: randomUUID(), appVersionId: randomUUID(), appName: 'zone-watcher', version: '1.0.0', packageFile: 'zone-watcher.csar', packageSha256: pkg.sha256 }, pkg.file);

    const subscribed = await poll('the app subscribed to every zone', async () => {
      const json = await appJson(port);
      return json.location.status === 'subscribed' && json;
    });
    expect(subscribed).toMatchObject({ ready: true, location: { source: 'mp1' } });
    expect(subscribed.location.subscriptions).toHaveLength(scenario.domains.flatMap((d) => d.zones).length);
    // The site learns readiness from the agent's next heartbeat.
    expect(await poll('the site to see the app ready', () => site!.info().deployment?.readyConfirmed && site!.info().deployment)).toMatchObject({ appName: 'zone-watcher' });

    await site.start();
    const run = await site.run(600);
    expect(run.timeSec).toBe(600);
    const zoneChanges = site.events(0, 100_000).filter((e) => e.kind === 'ue-poa-change');
    expect(zoneChanges.length).toBeGreaterThan(0);

    const delivered = await poll('notifications delivered and shown', async () => {
      const recorded = site!.calls({ limit: 1000, direction: 'notification', api: 'location' }).items.filter((c: TSandboxCall) => c.status === 204);
      const json = await appJson(port);
      return recorded.length > 0 && json.received >= recorded.length && { recorded, json };
    });
    expect(delivered.recorded.every((c) => c.url === `http://127.0.0.1:${port}/location/zonal-traffic`)).toBe(true);
    const first = JSON.parse(delivered.recorded[0]!.request.body!) as { zonalPresenceNotification: { zoneId: string; address: string; userEventType: string } };
    const { zoneId, address, userEventType } = first.zonalPresenceNotification;
    expect(delivered.json.notifications[0]).toMatchObject({ zoneId, address, userEventType });

    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    // Notifications of the run may still be arriving: the page shows at least what the JSON said.
    const shown = Number(/data-testid="zone-notification-count">(\d+)</.exec(page)?.[1]);
    expect(shown).toBeGreaterThanOrEqual(delivered.json.received);
    expect(page.match(/data-testid="zone-notification"/g)?.length).toBe(Math.min(shown, 500));
    expect(page).toContain(first.zonalPresenceNotification.address);

    const requests = site.calls({ limit: 1000, direction: 'request' }).items.map((c) => `${c.method} ${c.url.split('?')[0]} ${c.status}`);
    expect(requests).toContainEqual(expect.stringMatching(/^POST \/mec_app_support\/v1\/applications\/[^/]+\/confirm_ready 204$/));
    expect(requests).toContainEqual(expect.stringMatching(/^POST \/mec_service_mgmt\/v1\/applications\/[^/]+\/services 201$/));
    expect(requests).toContain('POST /location/v2/subscriptions/zonalTraffic 201');
  });
});
