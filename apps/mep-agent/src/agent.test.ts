/**
 * The real agent (the bundle an edge node runs) as a child process, against FakePortal, which
 * stands in for the portal's /api/v1/edge routes only until they exist; the lead engineer adds
 * the same scenarios against the real portal.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
  await Promise.all(nodes.splice(0).map((n) => n.cleanup()));
});

async function node(): Promise<TestNode> {
  const n = await TestNode.enrol(bundle, portal);
  nodes.push(n);
  return n;
}

describe('mecport-agent enroll', () => {
  it('enrols with a one-time token, keeps the key to itself, and re-enrols only with --force', async () => {
    const n = await node();
    const credentials = (await n.file('credentials.json')) as { nodeId: string; portalUrl: string };
    expect(credentials).toMatchObject({ nodeId: n.nodeId, portalUrl: portal.url });
    expect((await stat(join(n.dataDir, 'node-key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(n.dataDir, 'node-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const again = portal.createEnrolmentToken({ nodeId: n.nodeId });
    const refused = await cli(bundle, ['enroll', '--portal', portal.url, '--token', again.token, '--data-dir', n.dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds the enrolment of node .*Use --force/s);
    const forced = await cli(bundle, ['enroll', '--portal', portal.url, '--token', again.token, '--data-dir', n.dataDir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(new RegExp(`Enrolled node .* \\(${n.nodeId}\\) with ${portal.url}, replacing`));
    expect(forced.stdout).toMatch(/runtimes: +process, podman\n/); // podman is installed where these tests run (CI installs it)
    const used = await cli(bundle, ['enroll', '--portal', portal.url, '--token', again.token, '--data-dir', n.dataDir, '--force']);
    expect(used.code).toBe(1);
    expect(used.stderr).toMatch(/410 the enrolment token was already used/);
  });

  it('takes a token that starts with a dash (base64url) as the token, not as an option', async () => {
    const { token } = portal.createEnrolmentToken({ token: `-${'x'.repeat(31)}` });
    const dataDir = join((await node()).dataDir, 'dash');
    const result = await cli(bundle, ['enroll', '--portal', portal.url, '--token', token, '--data-dir', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('explains its usage', async () => {
    const result = await cli(bundle, ['enroll', '--portal', portal.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/enroll needs --portal <url> and --token <token>/);
  });
});

describe('mecport-agent run', () => {
  it('pulls, verifies and runs an app; reports, heartbeats with metrics and Mp1 state, pushes log tails; status shows it', async () => {
    const n = await node();
    n.start();
    const port = await freePort();
    const instance = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port })));
    n.appIds.add(instance.appInstanceId);
    portal.setDesired(n.nodeId, [instance]);

    const report = await n.waitReport(1);
    expect(report.instances).toEqual([expect.objectContaining({ appInstanceId: instance.appInstanceId, digestMismatch: false })]);
    expect(await waitFor('the app to answer', () => getJson(port))).toMatchObject({ appInstanceId: instance.appInstanceId, version: '1.0.0' });
    const beat = await waitFor('a heartbeat with the app RUNNING and ready', () =>
      portal.node(n.nodeId).heartbeats.find((h) => h.instances.some((i) => i.state === 'RUNNING' && i.ready) && h.services.length > 0));
    expect(beat).toMatchObject({ appliedRevision: 1, services: [{ serName: 'greeting', appInstanceId: instance.appInstanceId, state: 'ACTIVE' }] });
    expect(beat.runtimes).toEqual(['process', 'podman']);
    expect(beat.metrics.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(beat.metrics.cpuPercent).toBeLessThanOrEqual(100);
    expect(beat.metrics.memUsedBytes).toBeGreaterThan(0);
    expect(beat.metrics.diskUsedBytes).toBeGreaterThan(0);
    const logs = await waitFor('a log tail', () => portal.node(n.nodeId).logs.find((l) => l.lines.some((line) => line.includes('ready: confirmed to Mp1'))), 30_000);
    expect(logs.appInstanceId).toBe(instance.appInstanceId);

    const status = await cli(bundle, ['status', '--data-dir', n.dataDir]);
    expect(status.stdout).toMatch(/runtimes +process, podman\n/);
    expect(status.stdout).toMatch(/channel +online/);
    expect(status.stdout).toMatch(/revisions +applied 1, newest received 1/);
    expect(status.stdout).toContain(`${instance.appInstanceId}  hello-edge 1.0.0  RUNNING  pid`);

    const pid = (await appProcesses(instance.appInstanceId))[0];
    expect(await n.agent!.kill('SIGTERM')).toBe(0);
    expect(await appProcesses(instance.appInstanceId)).toEqual([pid]); // the agent exits, the app does not
    expect((await cli(bundle, ['status', '--data-dir', n.dataDir])).stdout).toMatch(/agent +not running/);
  });

  it('with --stop-apps-on-exit (the demo node of npm start) stops its apps when it stops', async () => {
    const n = await node();
    n.start({}, ['--stop-apps-on-exit']);
    const port = await freePort();
    const instance = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port })));
    n.appIds.add(instance.appInstanceId);
    portal.setDesired(n.nodeId, [instance]);
    await waitFor('the app to answer', () => getJson(port));
    expect(await appProcesses(instance.appInstanceId)).toHaveLength(1);
    expect(await n.agent!.kill('SIGTERM')).toBe(0);
    expect(await appProcesses(instance.appInstanceId)).toEqual([]);
  });

  it('fails an instance whose package does not match its digest, and deletes the download', async () => {
    const n = await node();
    n.start();
    const instance = desiredInstance(await portal.addPackage(n.nodeId, await buildHelloEdge(n.dataDir, { port: await freePort() }), { corrupt: true }));
    n.appIds.add(instance.appInstanceId);
    portal.setDesired(n.nodeId, [instance]);
    const report = await n.waitReport(1, 'failed');
    expect(report.instances).toEqual([expect.objectContaining({ appInstanceId: instance.appInstanceId, state: 'FAILED', digestMismatch: true, message: expect.stringMatching(/digest mismatch/) })]);
    expect(await readFile(join(n.dataDir, 'packages', `${instance.package.sha256}.csar`)).catch(() => undefined)).toBeUndefined();
    expect(await readFile(join(n.dataDir, 'packages', `${instance.package.sha256}.part`)).catch(() => undefined)).toBeUndefined();
    expect(await appProcesses(instance.appInstanceId)).toEqual([]);
    // channel.json is written just after the report goes out: wait for it rather than race it.
    const channel = await waitFor('channel.json to record the failed apply', async () => {
      const file = (await n.file('channel.json')) as { lastApply?: { revision: number } };
      return file.lastApply?.revision === 1 ? file : undefined;
    });
    expect(channel).toMatchObject({ lastApply: { revision: 1, outcome: 'failed' } });
  });
});
