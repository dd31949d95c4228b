/**
 * The same site in a network namespace of its own (the host's namespace network; tests run as
 * root, as CI does, and fail saying why where namespaces are not available): the agent and the
 * app run in the namespace, the app's calls still pass the gateway and a zone notification still
 * reaches it (at MEC_APP_ADDRESS), and destroy removes the namespaces too.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxNetworkFactory, removeLeftoverNamespaces } from '../isolation';
import { loadScenario } from '../scenario';
import { createSite } from './create-site';
import type { TSite } from './site';
import { buildAgentBundle, cleanup, deployFixture, scratchDir, waitFor } from './testing/site-fixture';

const exec = promisify(execFile);
const TAG = 'stis';
let dir: string;

beforeAll(async () => {
  await buildAgentBundle();
  await removeLeftoverNamespaces(TAG);
  dir = await scratchDir();
}, 180_000);

afterAll(async () => {
  await removeLeftoverNamespaces(TAG);
  await cleanup(dir);
});

const namespaces = async () => (await exec('ip', ['netns', 'list'])).stdout.split('\n').filter((l) => l.startsWith(`mecsb-${TAG}-`));

describe('a sandbox site in a network namespace', () => {
  it('runs the agent and app isolated; their calls pass the gateway and a zone notification reaches the app; destroy removes the namespaces', async () => {
    const factory = await createSandboxNetworkFactory({ tag: TAG });
    expect(factory.probe, 'network namespaces must be available (run as root)').toMatchObject({ available: true });
    const scenario = await loadScenario('campus');
    const network = await factory.create(randomUUID(), []);
    expect(network.isolated).toBe(true);
    const site: TSite = await createSite({ sandboxId: randomUUID(), dataDir: join(dir, 'site'), network, scenario, seed: 7, clock: 'virtual', expiresAt: new Date(Date.now() + 600_000).toISOString(), rateLimitPerSec: 200 });
    try {
      await deployFixture(site, dir, 'normal');
      await waitFor('the app subscribed', () => site.logs(undefined, 1000).items.some((l) => l.line.startsWith('step: subscribed to zonalTraffic 201')));
      expect(site.calls({ limit: 10 }).items.map((c) => c.url.split('?')[0]).slice(0, 2)).toEqual(['/oauth2/token', `/mec_app_support/v1/applications/${site.info().deployment!.appInstanceId}/confirm_ready`]);
      const world = site.world();
      const ue = world.ues.find((u) => u.zoneId !== 'zone-north')!;
      const poa = world.poas.find((p) => p.zoneId === 'zone-north' && p.up)!;
      site.inject({ kind: 'move-ue', target: ue.id, params: { to: poa.location } });
      await site.run(3);
      const notification = await waitFor('the notification', () => site.calls({ limit: 10, direction: 'notification' }).items[0]);
      expect(notification.url).toMatch(new RegExp(`^http://${network.appSideAddress.replace(/\./g, '\\.')}:\\d+/notify$`));
      expect(notification.status).toBe(204);
    } finally {
      await site.destroy();
    }
    expect(await namespaces()).toEqual([]);
  });
});
