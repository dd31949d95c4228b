/**
 * Issue 14's reliability scenarios for container apps, agent side: the real agent process, real
 * Podman, a real registry on loopback (Debian's docker-registry) and FakePortal. A busybox image
 * made on the machine runs a shell script that serves its version over HTTP on its declared port
 * and, from inside the pod, gets an Mp1 token and confirms ready through 10.0.2.2 (the host's
 * loopback as a slirp4netns pod sees it). Every pod, container and image a test makes carries its
 * own instance ids or the mecport-ci-test name and is removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGES_DIR, type TContainerImage, type TDesiredAppInstance, type TInstanceStatus, type TNodeRuntime } from '@mecport/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PodmanCli } from './runtime/podman/podman-cli';
import { importBusyboxImage, requirePodman, saveImageArchive, type TTestImage } from './testing/busybox-image';
import { buildContainerPackage, podYaml, rezip } from './testing/container-package';
import { FakePortal } from './testing/fake-portal';
import { containersNamedFor, podsOf, removeInstancePods } from './testing/pods';
import { TestRegistry } from './testing/registry';
import { desiredInstance, freePort, getJson, waitFor } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const bundle = inject('agentBundle');
/** Each test plays and stops pods (0.2-1 s per podman call alone, far more on two busy cores): beyond the usual limit. */
const PODMAN_TEST_MS = 400_000;
const ARCHIVE = `${IMAGES_DIR}app.tar`;
/** Serves {"version":…} on PORT_HTTP, then does the Mp1 handshake from inside the pod; CRASH=1 exits at once. */
const APP_SCRIPT = `#!/bin/sh
[ "$CRASH" = 1 ] && { echo "crashing on purpose"; exit 3; }
mkdir -p /tmp/www
busybox printf '{"version":"%s","instance":"%s"}' "$APP_VERSION" "$MEC_APP_INSTANCE_ID" > /tmp/www/index.html
httpd -f -p "$PORT_HTTP" -h /tmp/www &
tries=0
while :; do
  token=$(wget -q -O - --post-data "grant_type=client_credentials&client_id=$MP1_CLIENT_ID&client_secret=$MP1_CLIENT_SECRET" "$MP1_TOKEN_URL" | busybox sed -n 's/.*"access_token":"\\([^"]*\\)".*/\\1/p')
  if [ -n "$token" ] && wget -q -O - --header "Authorization: Bearer $token" --header "Content-Type: application/json" --post-data '{"indication":"READY"}' "$MP1_API_ROOT/mec_app_support/v1/applications/$MEC_APP_INSTANCE_ID/confirm_ready"; then
    echo "ready: confirmed to Mp1 at $MP1_API_ROOT"
    break
  fi
  tries=$((tries + 1)); [ $tries -ge 60 ] && { echo "Mp1 never answered"; break; }
  sleep 1
done
wait
`;

let portal: FakePortal;
let podman: PodmanCli;
let registry: TestRegistry;
let workDir: string;
/** The app's image (loaded by the agents from the archive), and the archive of it. */
let appImage: TTestImage;
let archive: string;
const imageNames = new Set<string>();
const nodes: TestNode[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'container-reliability-'));
  portal = await FakePortal.start();
  podman = await requirePodman(join(workDir, 'podman'));
  registry = await TestRegistry.start();
  appImage = await importBusyboxImage(podman, { workDir, name: `localhost/mecport-ci-test/${randomBytes(4).toString('hex')}/app:1`, files: { '/app/run.sh': APP_SCRIPT } });
  imageNames.add(appImage.name);
  archive = await saveImageArchive(podman, appImage.name, join(workDir, 'app.tar'));
  await podman.run(['rmi', appImage.name]); // the first agent loads it from the package
}, 180_000);

afterAll(async () => {
  for (const name of imageNames) await podman.run(['rmi', '--force', name]).catch(() => undefined);
  await registry?.stop();
  await portal?.stop();
  await rm(workDir, { recursive: true, force: true });
}, 180_000);

afterEach(async () => {
  if (!portal.up) await portal.listen();
  for (const n of nodes.splice(0)) {
    await n.agent?.kill('SIGKILL');
    await removeInstancePods(podman, n.appIds);
    await n.cleanup();
  }
}, 180_000);

async function node(env: Record<string, string> = {}): Promise<TestNode> {
  const n = await TestNode.enrol(bundle, portal);
  nodes.push(n);
  n.start(env);
  return n;
}

const runtime = (): TNodeRuntime => ({ container: 'podman', registries: [{ host: registry.host, tlsVerify: false }] });

interface TAppOptions {
  version: string;
  port?: number;
  base?: TDesiredAppInstance;
  images?: TContainerImage[];
  yaml?: string;
  env?: Record<string, string>;
  /** Rewrites the built package (a tampered archive). */
  tamper?: (name: string, data: Buffer) => Buffer;
}

/** A container app package (the image archive inside) as a desired instance the portal serves. */
async function containerApp(n: TestNode, options: TAppOptions): Promise<TDesiredAppInstance & { port: number }> {
  const port = options.port ?? (options.base ? Number(options.base.env.TEST_PORT) : await freePort());
  const env = { APP_VERSION: options.version, ...options.env };
  const images = options.images ?? [{ name: appImage.name, archive: ARCHIVE }];
  const yaml = options.yaml ?? podYaml({ image: images[0]!.name, port, command: ['/bin/sh', '/app/run.sh'], extra: `\n      env:\n${Object.entries(env).map(([k, v]) => `        - { name: ${k}, value: "${v}" }`).join('\n')}` });
  let csar = await buildContainerPackage(n.dataDir, { kube: { 'app.yaml': yaml }, images: images.some((i) => i.archive) ? { 'app.tar': archive } : {} });
  if (options.tamper) csar = await rezip(csar, `${csar}.tampered.csar`, (name, data) => ({ name, data: options.tamper!(name, data) }));
  const pkg = await portal.addPackage(n.nodeId, csar);
  const instance = { ...desiredInstance(pkg, { appInstanceId: options.base?.appInstanceId, version: options.version }), env: { TEST_PORT: String(port) }, container: { images } };
  n.appIds.add(instance.appInstanceId);
  return { ...instance, port };
}

const versionAt = async (i: { port: number }) => (await getJson(i.port))?.version;

/** The instance's status in the newest heartbeat that names it. */
function lastStatus(n: TestNode, appInstanceId: string): TInstanceStatus | undefined {
  const beats = portal.node(n.nodeId).heartbeats;
  for (let i = beats.length - 1; i >= 0; i -= 1) {
    const found = beats[i]!.instances.find((s) => s.appInstanceId === appInstanceId);
    if (found) return found;
  }
  return undefined;
}

/** Exactly one pod for the instance, running, with one app container and no container of the instance outside it. */
async function onePod(appInstanceId: string): Promise<string> {
  const pods = await podsOf(podman, appInstanceId);
  expect(pods, `pods of ${appInstanceId}`).toHaveLength(1);
  expect(pods[0]!.appContainers).toHaveLength(1);
  const named = await containersNamedFor(podman, appInstanceId);
  expect(named.every((c) => pods[0]!.id.startsWith(c.pod)), `containers of ${appInstanceId} outside its pod: ${JSON.stringify(named)}`).toBe(true);
  return pods[0]!.appContainers[0]!.id;
}

describe('a container app from an image archive in the package', () => {
  it('deploys RUNNING and ready through Mp1 from inside the pod, upgrades, refuses a tampered upgrade keeping the old one, and terminates', async () => {
    const n = await node();
    const v1 = await containerApp(n, { version: '1.0.0' });
    portal.setDesired(n.nodeId, [v1], undefined, { runtime: runtime() });
    const report = await n.waitReport(1);
    expect(report.instances).toEqual([expect.objectContaining({ appInstanceId: v1.appInstanceId, digestMismatch: false })]);
    await waitFor('v1 to answer on its published port', async () => (await versionAt(v1)) === '1.0.0', 60_000);
    await waitFor('v1 RUNNING and ready (confirm_ready from inside the pod)', () => lastStatus(n, v1.appInstanceId)?.state === 'RUNNING' && lastStatus(n, v1.appInstanceId)?.ready, 60_000);
    const images = lastStatus(n, v1.appInstanceId)?.images;
    expect(images).toEqual([{ name: appImage.name, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as string }]);
    const firstContainer = await onePod(v1.appInstanceId);

    const v2 = await containerApp(n, { version: '2.0.0', base: v1 });
    portal.setDesired(n.nodeId, [v2]);
    await n.waitReport(2);
    await waitFor('v2 to answer', async () => (await versionAt(v2)) === '2.0.0', 60_000);
    await waitFor('v2 ready', () => lastStatus(n, v2.appInstanceId)?.ready && portal.node(n.nodeId).heartbeats.at(-1)?.appliedRevision === 2, 60_000);
    const upgraded = await onePod(v2.appInstanceId);
    expect(upgraded).not.toBe(firstContainer);

    // v3's archive is not what its manifest says: refused before anything is touched; v2 runs on.
    const v3 = await containerApp(n, { version: '3.0.0', base: v1, tamper: (name, data) => (name === ARCHIVE ? Buffer.concat([data, Buffer.from('tampered')]) : data) });
    portal.setDesired(n.nodeId, [v3]);
    const refused = await n.waitReport(3, 'failed');
    expect(refused.appliedRevision).toBe(2);
    expect(refused.instances).toEqual([expect.objectContaining({ appInstanceId: v1.appInstanceId, state: 'FAILED', digestMismatch: true, message: expect.stringContaining(`${ARCHIVE} does not match the package manifest`) as string })]);
    expect(await versionAt(v2)).toBe('2.0.0');
    expect(await onePod(v2.appInstanceId)).toBe(upgraded);

    portal.setDesired(n.nodeId, []);
    await n.waitReport(4);
    await waitFor('the pod gone', async () => (await podsOf(podman, v1.appInstanceId)).length === 0 && (await containersNamedFor(podman, v1.appInstanceId)).length === 0, 60_000);
    expect(await versionAt(v2)).toBeUndefined();
  }, PODMAN_TEST_MS);

  it('reports CRASH_LOOP for a container that keeps exiting', async () => {
    const n = await node({ MECPORT_AGENT_RESTART_BACKOFF_MS: '100' });
    const app = await containerApp(n, { version: '1.0.0', env: { CRASH: '1' } });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: runtime() });
    await n.waitReport(1);
    const status = await waitFor('CRASH_LOOP', () => (lastStatus(n, app.appInstanceId)?.state === 'CRASH_LOOP' ? lastStatus(n, app.appInstanceId) : undefined), 120_000);
    expect(status.restarts).toBeGreaterThan(0);
    expect(status.ready).toBe(false);
  }, PODMAN_TEST_MS);

  it('is adopted after an agent restart: the same container goes on, nothing is played again', async () => {
    const n = await node();
    const app = await containerApp(n, { version: '1.0.0' });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: runtime() });
    await n.waitReport(1);
    await waitFor('the app ready', () => lastStatus(n, app.appInstanceId)?.ready, 60_000);
    const container = await onePod(app.appInstanceId);

    expect(await n.agent!.kill('SIGTERM')).toBe(0);
    expect(await versionAt(app)).toBe('1.0.0'); // the pod outlives the agent
    const beats = portal.node(n.nodeId).heartbeats.length;
    n.start();
    await waitFor('heartbeats from the restarted agent with the app RUNNING', () => portal.node(n.nodeId).heartbeats.slice(beats).some((h) => h.instances.some((i) => i.appInstanceId === app.appInstanceId && i.state === 'RUNNING')), 60_000);
    expect(await onePod(app.appInstanceId)).toBe(container);
    expect(n.agent!.logged('adopted a running pod')).toBe(true);
    expect(n.reports.filter((r) => r.appliedRevision === 1)).toHaveLength(1); // nothing re-applied
  }, PODMAN_TEST_MS);
});

/** Revision 1 (A v1) applied and answering, then the agent restarted with the pause hook and killed in revision 2 (A v2 + B). */
async function interruptedRevision(n: TestNode, pauseAt: string) {
  const a1 = await containerApp(n, { version: '1.0.0' });
  portal.setDesired(n.nodeId, [a1], undefined, { runtime: runtime() });
  await n.waitReport(1);
  await waitFor('A v1 answering', async () => (await versionAt(a1)) === '1.0.0', 60_000);
  const a1Container = await onePod(a1.appInstanceId);
  await n.kill('SIGTERM');

  n.start({ MECPORT_AGENT_PAUSE_AT: pauseAt });
  const a2 = await containerApp(n, { version: '2.0.0', base: a1 });
  const b = await containerApp(n, { version: '1.0.0' });
  portal.setDesired(n.nodeId, [a2, b]);
  await waitFor('the agent to reach the pause point', () => n.exists('paused-at'), 120_000);
  await n.kill('SIGKILL');
  await rm(join(n.dataDir, 'paused-at'));
  expect(await containersNamedFor(podman, b.appInstanceId)).toEqual([]); // B not begun yet
  return { a1, a1Container, a2, b };
}

describe('SIGKILL of the agent in the middle of applying a revision', () => {
  it.each(['podman:after-play', 'commit:after-first-change'])('at %s leaves exactly one pod per instance after the restart, and no half-created container', async (pauseAt) => {
    const n = await node();
    const { a1Container, a2, b } = await interruptedRevision(n, pauseAt);
    n.start();
    await n.waitReport(2, 'applied', 120_000);
    await waitFor('A v2 and B answering', async () => (await versionAt(a2)) === '2.0.0' && (await versionAt(b)) === '1.0.0', 60_000);
    expect(await onePod(a2.appInstanceId)).not.toBe(a1Container);
    await onePod(b.appInstanceId);
  }, PODMAN_TEST_MS);

  it('puts the running old version back when completing the half-applied upgrade fails, and converges when the portal returns', async () => {
    const n = await node();
    const { a1, a2, b } = await interruptedRevision(n, 'commit:after-first-change');
    await waitFor('A v2 (the half-applied state)', async () => (await versionAt(a2)) === '2.0.0', 60_000);
    await portal.stop();
    // B's package and bundle are lost, and the portal cannot give them again: completing is impossible.
    await rm(join(n.dataDir, 'packages', `${b.package.sha256}.csar`));
    await rm(join(n.dataDir, 'bundles', b.package.sha256), { recursive: true });

    n.start();
    await waitFor('A v1 again', async () => (await versionAt(a1)) === '1.0.0' && !(await n.exists('journal.json')), 120_000);
    expect(((await n.file('applied.json')) as { document: { revision: number } }).document.revision).toBe(1);
    await onePod(a1.appInstanceId);
    expect(await podsOf(podman, b.appInstanceId)).toEqual([]);

    await portal.listen();
    await n.waitReport(2, 'applied', 120_000);
    await waitFor('A v2 and B', async () => (await versionAt(a2)) === '2.0.0' && (await versionAt(b)) === '1.0.0', 60_000);
    await onePod(a2.appInstanceId);
    await onePod(b.appInstanceId);
  }, PODMAN_TEST_MS);
});

describe('images that do not match what the package pins', () => {
  it('refuses a registry image whose digest differs from the pinned one, and nothing runs', async () => {
    const n = await node();
    const pinned = await registry.push(podman, (await ownImage('pinned')).name, 'demo/pinned:1');
    const served = await registry.push(podman, (await ownImage('other', { '/www/index.html': 'another image\n' })).name, 'demo/pinned:1');
    expect(served).not.toBe(pinned);
    const name = `${registry.host}/demo/pinned:1`;
    imageNames.add(name);
    const app = await containerApp(n, { version: '1.0.0', images: [{ name, digest: pinned }] });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: runtime() });
    const report = await n.waitReport(1, 'failed');
    expect(report.instances).toEqual([expect.objectContaining({ appInstanceId: app.appInstanceId, state: 'FAILED', digestMismatch: true, message: expect.stringContaining(`expected ${pinned}`) as string })]);
    expect(await podsOf(podman, app.appInstanceId)).toEqual([]);
    expect(await containersNamedFor(podman, app.appInstanceId)).toEqual([]);
  }, PODMAN_TEST_MS);

  it('runs a registry image whose digest is the pinned one', async () => {
    const n = await node();
    const source = await ownImage('served', { '/app/run.sh': APP_SCRIPT });
    const digest = await registry.push(podman, source.name, 'demo/served:1');
    const name = `${registry.host}/demo/served:1`;
    imageNames.add(name);
    const app = await containerApp(n, { version: '1.0.0', images: [{ name, digest }] });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: runtime() });
    await n.waitReport(1);
    await waitFor('the pulled app answering', async () => (await versionAt(app)) === '1.0.0', 60_000);
    await waitFor('its digest reported', () => lastStatus(n, app.appInstanceId)?.images?.[0]?.digest === digest, 30_000);
  }, PODMAN_TEST_MS);

  it('refuses an image from a registry that is not in the node\'s list, naming it', async () => {
    const n = await node();
    const name = `${registry.host}/demo/anything:1`;
    const app = await containerApp(n, { version: '1.0.0', images: [{ name }] });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: { container: 'podman', registries: [{ host: 'registry.example', tlsVerify: true }] } });
    const report = await n.waitReport(1, 'failed');
    expect(report.instances).toEqual([expect.objectContaining({ state: 'FAILED', digestMismatch: false, message: expect.stringContaining(`registry ${registry.host} is not among the registries this node may pull from (registry.example)`) as string })]);
    expect(await podsOf(podman, app.appInstanceId)).toEqual([]);
  }, PODMAN_TEST_MS);

  it('refuses a privileged container on the node, naming the field', async () => {
    const n = await node();
    const port = await freePort();
    const yaml = podYaml({ image: appImage.name, port, extra: '\n      securityContext: { privileged: true }' });
    const app = await containerApp(n, { version: '1.0.0', port, yaml });
    portal.setDesired(n.nodeId, [app], undefined, { runtime: runtime() });
    const report = await n.waitReport(1, 'failed');
    expect(report.instances).toEqual([expect.objectContaining({ state: 'FAILED', message: expect.stringContaining('Artifacts/Deployment/Kubernetes/app.yaml#1: spec.containers[0].securityContext.privileged: privileged containers are not allowed') as string })]);
    expect(await podsOf(podman, app.appInstanceId)).toEqual([]);
  }, PODMAN_TEST_MS);
});

/** A busybox image of this test file's own (removed at the end). */
async function ownImage(what: string, files: Record<string, string> = {}): Promise<TTestImage> {
  const image = await importBusyboxImage(podman, { workDir, name: `localhost/mecport-ci-test/${randomBytes(4).toString('hex')}/${what}:1`, files });
  imageNames.add(image.name);
  return image;
}
