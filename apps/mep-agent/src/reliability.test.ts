/**
 * Issue 4's reliability scenarios, agent side, with the real agent process and real apps, against
 * FakePortal (a stand-in for the portal's /api/v1/edge routes only until they exist):
 * SIGKILL in the middle of a revision (completed, or rolled back when completing is impossible),
 * the portal down (apps and Mp1 keep going, also across an agent restart) and back (convergence
 * with no duplicate or lost instance), and revocation followed by re-enrolment.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredAppInstance } from '@mecport/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { appProcesses, cli } from './testing/agent-process';
import { FakePortal } from './testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort, getJson, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const bundle = inject('agentBundle');
let portal: FakePortal;
const nodes: TestNode[] = [];

beforeAll(async () => {
  portal = await FakePortal.start();
});
afterAll(() => portal.stop());
afterEach(async () => {
  if (!portal.up) await portal.listen();
  await Promise.all(nodes.splice(0).map((n) => n.cleanup()));
});

async function node(): Promise<TestNode> {
  const n = await TestNode.enrol(bundle, portal);
  nodes.push(n);
  return n;
}

/** Hello Edge on its own port, `version`, as a desired instance the portal serves. */
async function app(n: TestNode, version: string, base?: TDesiredAppInstance): Promise<TDesiredAppInstance> {
  const port = base ? Number(base.env.TEST_PORT) : await freePort();
  const pkg = await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port, version }));
  const instance = { ...desiredInstance(pkg, { appInstanceId: base?.appInstanceId, version }), env: { TEST_PORT: String(port) } };
  n.appIds.add(instance.appInstanceId);
  return instance;
}

const portOf = (i: TDesiredAppInstance) => Number(i.env.TEST_PORT);
const versionAt = async (i: TDesiredAppInstance) => (await getJson(portOf(i)))?.version;

/** Revision 1 (A v1) applied and A answering, then the agent restarted with the pause hook for revision 2 (A v2 + B). */
async function interruptedRevision(n: TestNode, pauseAt: string): Promise<{ a1: TDesiredAppInstance; a2: TDesiredAppInstance; b: TDesiredAppInstance }> {
  n.start();
  const a1 = await app(n, '1.0.0');
  portal.setDesired(n.nodeId, [a1]);
  await n.waitReport(1);
  await waitFor('A v1', async () => (await versionAt(a1)) === '1.0.0');
  await n.kill('SIGTERM');
  n.start({ MECPORT_AGENT_PAUSE_AT: pauseAt });
  const a2 = await app(n, '2.0.0', a1);
  const b = await app(n, '1.0.0');
  portal.setDesired(n.nodeId, [a2, b]);
  await waitFor('the agent to reach the pause point', () => n.exists('paused-at'));
  await n.kill('SIGKILL');
  expect(((await n.file('journal.json')) as { target: { revision: number } }).target.revision).toBe(2);
  expect(((await n.file('applied.json')) as { document: { revision: number } }).document.revision).toBe(1);
  await rm(join(n.dataDir, 'paused-at'));
  return { a1, a2, b };
}

async function oneProcessEach(instances: TDesiredAppInstance[]): Promise<number[]> {
  const pids: number[] = [];
  for (const instance of instances) {
    const found = await appProcesses(instance.appInstanceId);
    expect(found, `processes of ${instance.appInstanceId}`).toHaveLength(1);
    pids.push(found[0]!);
  }
  return pids;
}

describe('SIGKILL in the middle of applying a revision', () => {
  it('completes the revision after a restart, adopting what was already started', async () => {
    const n = await node();
    const { a2, b } = await interruptedRevision(n, 'commit:after-first-change');
    await waitFor('A v2 (started before the kill)', async () => (await versionAt(a2)) === '2.0.0');
    const [startedBeforeKill] = await appProcesses(a2.appInstanceId);
    expect(await appProcesses(b.appInstanceId)).toEqual([]); // half-applied at this point: B not started yet

    n.start();
    await n.waitReport(2);
    expect(n.agent!.logged('found an unfinished revision: completing it')).toBe(true);
    await waitFor('B', async () => (await versionAt(b)) === '1.0.0');
    expect(await oneProcessEach([a2, b])).toEqual([startedBeforeKill, expect.any(Number)]);
    expect(await n.exists('journal.json')).toBe(false);
    expect(((await n.file('applied.json')) as { document: { revision: number } }).document.revision).toBe(2);
  });

  it('completes a revision interrupted while downloading, fetching the rest after the restart', async () => {
    const n = await node();
    const { a1, a2, b } = await interruptedRevision(n, 'prepare:after-first-package');
    await oneProcessEach([a1]); // nothing running was touched while preparing

    n.start();
    await n.waitReport(2);
    expect(n.agent!.logged('returning to the previous one')).toBe(false);
    await waitFor('A v2 and B', async () => (await versionAt(a2)) === '2.0.0' && (await versionAt(b)) === '1.0.0');
    await oneProcessEach([a2, b]);
  });

  it('rolls back to the last applied revision when the portal is down and a package is missing, then converges when it returns', async () => {
    const n = await node();
    const { a1, a2, b } = await interruptedRevision(n, 'prepare:after-first-package');
    const [a1pid] = await oneProcessEach([a1]); // nothing running was touched while preparing
    await portal.stop();

    n.start();
    await waitFor('the rollback', async () => n.agent!.logged('revision not applied, returning to the previous one') && !(await n.exists('journal.json')));
    expect(((await n.file('applied.json')) as { document: { revision: number } }).document.revision).toBe(1);
    expect(await versionAt(a1)).toBe('1.0.0');
    expect(await oneProcessEach([a1])).toEqual([a1pid]);
    expect(await appProcesses(b.appInstanceId)).toEqual([]);

    await portal.listen();
    await n.waitReport(2);
    await waitFor('A v2 and B', async () => (await versionAt(a2)) === '2.0.0' && (await versionAt(b)) === '1.0.0');
    await oneProcessEach([a2, b]);
  });

  it('puts the previous version back when completing a half-applied commit fails', async () => {
    const n = await node();
    const { a1, a2, b } = await interruptedRevision(n, 'commit:after-first-change');
    await waitFor('A v2 (the half-applied state)', async () => (await versionAt(a2)) === '2.0.0');
    await portal.stop();
    // B's package and bundle are lost, and the portal cannot give them again: completing is impossible.
    await rm(join(n.dataDir, 'packages', `${b.package.sha256}.csar`));
    await rm(join(n.dataDir, 'bundles', b.package.sha256), { recursive: true });

    n.start();
    await waitFor('A v1 again', async () => (await versionAt(a1)) === '1.0.0' && !(await n.exists('journal.json')));
    expect(((await n.file('applied.json')) as { document: { revision: number } }).document.revision).toBe(1);
    await oneProcessEach([a1]);
    expect(await appProcesses(b.appInstanceId)).toEqual([]);

    await portal.listen();
    await n.waitReport(2);
    await waitFor('A v2 and B', async () => (await versionAt(a2)) === '2.0.0' && (await versionAt(b)) === '1.0.0');
    await oneProcessEach([a2, b]);
  });
});

describe('portal down', () => {
  it('keeps apps and Mp1 going, also across an agent restart, and converges with no duplicate when the portal returns', async () => {
    const n = await node();
    n.start();
    const a = await app(n, '1.0.0');
    const b = await app(n, '1.0.0');
    portal.setDesired(n.nodeId, [a, b]);
    await n.waitReport(1);
    await waitFor('both ready on Mp1', async () => (await n.mp1Services(a.appInstanceId))?.length === 2);
    const [aPid, bPid] = await oneProcessEach([a, b]);

    await portal.stop();
    await waitFor('the agent to notice', async () => ((await n.file('channel.json')) as { state: string }).state === 'offline');
    expect(await versionAt(a)).toBe('1.0.0');
    expect((await n.mp1Services(a.appInstanceId))?.map((s) => s.serName)).toEqual(['greeting', 'greeting']);

    await n.kill('SIGKILL'); // the agent dies with the portal down
    process.kill(-bPid!, 'SIGKILL'); // and so does one app while nobody watches it
    expect(await versionAt(a)).toBe('1.0.0'); // the other keeps serving without any agent
    n.start();
    await waitFor('B restarted from the local copy', async () => (await versionAt(b)) === '1.0.0');
    const [aAfter, bAfter] = await oneProcessEach([a, b]);
    expect(aAfter).toBe(aPid); // adopted, not restarted
    expect(bAfter).not.toBe(bPid);
    expect(await n.mp1Services(a.appInstanceId)).toHaveLength(2); // Mp1 state restored from the snapshot
    expect(n.reports.filter((r) => r.appliedRevision === 1)).toHaveLength(1); // nothing re-applied

    await portal.listen();
    const beats = portal.node(n.nodeId).heartbeats.length;
    await waitFor('heartbeats again', () => portal.node(n.nodeId).heartbeats.length > beats);
    portal.setDesired(n.nodeId, [a]);
    await n.waitReport(2);
    await oneProcessEach([a]);
    expect(await appProcesses(b.appInstanceId)).toEqual([]);
    expect(await oneProcessEach([a])).toEqual([aPid]);
  });
});

describe('revocation', () => {
  it('stops the channel on 401 but keeps the apps; re-enrolling with --force reconnects', async () => {
    const n = await node();
    n.start();
    const a = await app(n, '1.0.0');
    portal.setDesired(n.nodeId, [a]);
    await n.waitReport(1);
    const [pid] = await oneProcessEach([a]);
    portal.revoke(n.nodeId);
    await waitFor('the re-enrol message', () => n.agent!.logged('re-enrol with a new token'));
    const status = await cli(bundle, ['status', '--data-dir', n.dataDir]);
    expect(status.stdout).toMatch(/channel +revoked/);
    expect(status.stdout).toMatch(/re-enrol with a new token/);
    expect(await oneProcessEach([a])).toEqual([pid]);

    const { token } = portal.createEnrolmentToken({ nodeId: n.nodeId });
    expect((await cli(bundle, ['enroll', '--portal', portal.url, '--token', token, '--data-dir', n.dataDir, '--force'])).code).toBe(0);
    await waitFor('the agent to reconnect', () => n.agent!.logged('new enrolment found: reconnecting'), 20_000);
    const beats = portal.node(n.nodeId).heartbeats.length;
    await waitFor('heartbeats with the new credentials', () => portal.node(n.nodeId).heartbeats.length > beats);
    portal.setDesired(n.nodeId, []);
    await n.waitReport(2);
    expect(await appProcesses(a.appInstanceId)).toEqual([]);
  });
});
