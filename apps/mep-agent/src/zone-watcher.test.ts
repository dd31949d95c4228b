/**
 * The repository's sample MEC app (examples/zone-watcher) under the real agent: it gets its
 * Mp1 credentials from the agent, confirms ready and registers its "zone-events" service (the
 * heartbeat reports both), waits for a Location service the node does not offer, and confirms
 * its termination when the portal stops it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakePortal } from './testing/fake-portal';
import { desiredInstance, freePort, getJson, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';
import { buildZoneWatcher } from './testing/zone-watcher';

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

describe('Zone Watcher (examples/zone-watcher) under the agent', () => {
  it('confirms ready over Mp1, registers zone-events, and confirms termination when stopped', async () => {
    const n = await TestNode.enrol(bundle, portal);
    nodes.push(n);
    n.start();
    const port = await freePort();
    const instance = { ...desiredInstance(await portal.addPackage(n.nodeId, await buildZoneWatcher(n.dataDir, { port }))), appName: 'zone-watcher' };
    n.appIds.add(instance.appInstanceId);
    portal.setDesired(n.nodeId, [instance]);

    const beat = await waitFor('a heartbeat with Zone Watcher ready and its service', () =>
      portal.node(n.nodeId).heartbeats.find((h) => h.instances.some((i) => i.appInstanceId === instance.appInstanceId && i.ready) && h.services.length > 0), 60_000);
    expect(beat.services).toEqual([expect.objectContaining({ serName: 'zone-events', appInstanceId: instance.appInstanceId, state: 'ACTIVE' })]);
    expect(await n.mp1Services(instance.appInstanceId)).toEqual([expect.objectContaining({ serName: 'zone-events', version: '1.0.0' })]);
    // A node offers no Location service: the app stays ready and keeps asking.
    expect(await waitFor('the page to say it waits for Location', async () => {
      const json = await getJson(port, '/api/notifications');
      return (json?.location as { status?: string } | undefined)?.status === 'waiting' && json;
    })).toMatchObject({ appInstanceId: instance.appInstanceId, mp1: 'ready', ready: true, received: 0 });

    portal.setDesired(n.nodeId, [{ ...instance, desiredState: 'STOPPED' }]);
    await n.waitReport(2);
    await waitFor('the app to be gone', async () => (await getJson(port, '/health')) === undefined);
    const log = await readFile(join(n.dataDir, 'logs', `${instance.appInstanceId}.log`), 'utf8');
    expect(log).not.toContain('termination failed');
    expect(log).toContain('"msg":"termination notified by the MEP","instanceId":"' + instance.appInstanceId + '","operationAction":"STOPPING"');
  });
});
