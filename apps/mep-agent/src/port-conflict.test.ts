/**
 * An app whose port is taken on the node (issue 10, item 6), with the real agent against
 * FakePortal, on loopback only: Hello Edge is deployed on a port a test listener holds, exits with
 * EADDRINUSE and crash-loops, and the agent says so as a code with parameters (which the portal
 * shows in the reader's language). When the portal withdraws the instance (its deployment failed),
 * the agent stops it, forgets it and reports it REMOVED: it does not crash-loop on.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { appProcesses } from './testing/agent-process';
import { FakePortal } from './testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const bundle = inject('agentBundle');
let portal: FakePortal;
let squatter: Server | undefined;
const nodes: TestNode[] = [];

beforeAll(async () => {
  portal = await FakePortal.start();
});
afterAll(() => portal.stop());
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.cleanup()));
  await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
  squatter = undefined;
});

/** Holds 127.0.0.1:`port` and answers nothing (a health probe that reaches it fails). */
async function holdPort(port: number): Promise<void> {
  squatter = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    squatter!.once('error', reject);
    squatter!.listen(port, '127.0.0.1', resolve);
  });
}

describe('an app whose port is taken', () => {
  it('crash-loops with a coded message, and once the portal withdraws it the agent stops and removes it for good', async () => {
    const n = await TestNode.enrol(bundle, portal);
    nodes.push(n);
    n.start();
    const port = await freePort();
    await holdPort(port);
    const instance = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port })));
    const id = instance.appInstanceId;
    n.appIds.add(id);
    portal.setDesired(n.nodeId, [instance]);
    await n.waitReport(1);

    const looping = await waitFor('a heartbeat with the instance crash-looping', () =>
      portal.node(n.nodeId).heartbeats.flatMap((h) => h.instances).find((i) => i.appInstanceId === id && i.state === 'CRASH_LOOP'), 120_000);
    expect(looping.message).toMatch(/^exited with code 1; restarting in [\d.]+ s$/);
    expect(looping).toMatchObject({ messageCode: 'exited', messageParams: { exitCode: 1, restartInSec: expect.any(Number) } });
    expect(looping.restarts).toBeGreaterThanOrEqual(5);
    expect(n.agent!.child.exitCode, 'the agent itself runs on').toBeNull();

    // The deployment failed: the portal withdraws the instance with a new revision.
    portal.setDesired(n.nodeId, []);
    const report = await n.waitReport(2);
    expect(report.instances).toContainEqual(expect.objectContaining({ appInstanceId: id, state: 'REMOVED' }));
    expect(await appProcesses(id)).toEqual([]);
    expect(await n.exists(`runtime/${id}.json`), 'the runtime forgot it: no restart is scheduled').toBe(false);
    const later = await waitFor('a heartbeat after the withdrawal', () => portal.node(n.nodeId).heartbeats.find((h) => h.appliedRevision === 2));
    expect(later.instances).toEqual([]);
  }, 240_000);
});
