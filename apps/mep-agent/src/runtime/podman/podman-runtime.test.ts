/**
 * The podman runtime with real Podman (../shared/TOOLCHAIN.md §10) and a busybox image made here:
 * pods played from Kubernetes YAML, health through the published port, Mp1 on the host loopback at
 * 10.0.2.2, restart policies, CRASH_LOOP, limits, adoption by a second runtime, strays, logs.
 * Without podman these tests fail and say how to install it (they never skip). Only pods carrying
 * this file's agent label, and the image it made, are removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZProcessBundle, type TProcessBundle } from '@mecport/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContainers } from '../../cli/status-containers';
import type { TPausePoint } from '../../env';
import { StateStore } from '../../state/state-store';
import { importBusyboxImage, requirePodman, type TTestImage } from '../../testing/busybox-image';
import { freePort, waitFor } from '../../testing/sample-app';
import type { TInstanceSpec } from '../app-runtime';
import { AGENT_LABEL, CONFIG_LABEL, INSTANCE_LABEL, podName } from './pod-labels';
import { listContainers, listPods } from './pod-state';
import type { PodmanCli } from './podman-cli';
import { PodmanRuntime } from './podman-runtime';

const RESTART = { baseBackoffMs: 200, maxBackoffMs: 800, crashLoopRestarts: 3, crashLoopWindowMs: 60_000, livenessPollMs: 250, healthKillGraceMs: 1000 };
const AGENT_ID = `test-podman-runtime-${randomUUID().slice(0, 8)}`;

let dir: string;
let podman: PodmanCli;
let image: TTestImage;
const runtimes: PodmanRuntime[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-podman-'));
  podman = await requirePodman(join(dir, 'agent-data'));
  image = await importBusyboxImage(podman, { workDir: dir, name: `localhost/mecport-test/busybox:${AGENT_ID}` });
});
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.detach()));
});
afterAll(async () => {
  if (podman) {
    for (const pod of await listPods(podman, AGENT_ID)) await podman.run(['pod', 'rm', '--force', '--time', '0', pod.Id]).catch(() => undefined);
    if (image) await podman.run(['rmi', '--force', image.imageId]).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
});

async function runtime(name = 'r', pause?: (point: TPausePoint) => Promise<void>): Promise<PodmanRuntime> {
  const r = new PodmanRuntime({ podman, runtimeDir: join(dir, name, 'runtime-podman'), logsDir: join(dir, name, 'logs'), agentId: AGENT_ID, restart: RESTART, pause });
  await r.load();
  runtimes.push(r);
  return r;
}

interface TPodOptions {
  command: string[];
  port?: number;
  limits?: { memory?: string; cpu?: string };
  securityContext?: Record<string, unknown>;
  /** As a Deployment (its template runs) instead of a Pod. */
  deployment?: boolean;
  /** Documents before the pod (ConfigMaps), and the pod spec's volumes and the container's mounts and env. */
  before?: unknown[];
  volumes?: unknown[];
  container?: Record<string, unknown>;
}

function kubeYaml(o: TPodOptions): string {
  const container = {
    name: 'web',
    image: image.name,
    command: o.command,
    ...(o.port ? { ports: [{ name: 'http', containerPort: o.port, hostIP: '127.0.0.1' }] } : {}),
    ...(o.limits ? { resources: { limits: o.limits } } : {}),
    ...(o.securityContext ? { securityContext: o.securityContext } : {}),
    ...o.container,
  };
  const pod = { containers: [container], ...(o.volumes ? { volumes: o.volumes } : {}) };
  const doc = o.deployment
    ? { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' }, spec: { replicas: 3, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: pod } } }
    : { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app' }, spec: pod };
  return [...(o.before ?? []), doc].map((d) => stringify(d)).join('---\n');
}

/** A container app spec: the YAML in its bundle dir, the test image resolved. */
async function containerSpec(pod: TPodOptions, bundle: Partial<Record<keyof TProcessBundle, unknown>> = {}, env: Record<string, string> = {}): Promise<TInstanceSpec> {
  const appInstanceId = randomUUID();
  const bundleDir = join(dir, 'bundles', appInstanceId);
  await mkdir(join(bundleDir, 'Artifacts/Deployment/Kubernetes'), { recursive: true });
  const kubeFile = join(bundleDir, 'Artifacts/Deployment/Kubernetes/app.yaml');
  await writeFile(kubeFile, kubeYaml(pod));
  const ports = pod.port ? [{ name: 'HTTP', port: pod.port }] : [];
  const parsed = ZProcessBundle.parse({ command: ['kube', 'Artifacts/Deployment/Kubernetes/app.yaml'], ports, ...bundle });
  return {
    appInstanceId, appName: 'container-test', appVersionId: randomUUID(), version: '1', packageSha256: 'e'.repeat(64), bundleDir, bundle: parsed,
    env: { MEC_APP_INSTANCE_ID: appInstanceId, ...(pod.port ? { PORT_HTTP: String(pod.port) } : {}), ...env },
    gracefulTerminationSec: 5, configHash: randomUUID().slice(0, 8),
    container: { kubeFiles: [kubeFile], images: [{ name: image.name, imageId: image.imageId, digest: image.digest }] },
  };
}

/** httpd on `port` serving /www, after running `before` (shell). */
const httpd = (port: number, before = 'true') => ['/bin/sh', '-c', `${before}; exec /bin/httpd -f -p ${port} -h /www`];
const healthOn = (port: number) => ({ healthCheck: { http: { port, path: '/' }, intervalSec: 1, timeoutSec: 1, failureThreshold: 3 } });

const stateOf = (r: PodmanRuntime, id: string) => r.get(id)?.status.state;
const podsOf = (id: string) => listPods(podman, AGENT_ID, id);
const containersOf = async (id: string) => (await listContainers(podman, AGENT_ID, id)).filter((c) => c.Names[0] === `${podName(id)}-web`);

async function fetchText(port: number, path = '/'): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

async function inspect(id: string, format: string): Promise<string> {
  return (await podman.run(['container', 'inspect', '--format', format, `${podName(id)}-web`])).stdout.trim();
}

describe('PodmanRuntime', () => {
  it('plays a pod with the agent\'s labels, STARTING then RUNNING once healthy through the published port, and reports the image digest', async () => {
    const r = await runtime();
    const port = await freePort();
    const s = await containerSpec({ command: httpd(port), port }, healthOn(port));
    await r.start(s);
    expect(stateOf(r, s.appInstanceId)).toBe('STARTING');
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    expect(await fetchText(port)).toBe('hello from busybox\n');
    const [pod, ...more] = await podsOf(s.appInstanceId);
    expect(more).toEqual([]);
    expect(pod).toMatchObject({ Name: `mecport-${s.appInstanceId}`, Labels: { [INSTANCE_LABEL]: s.appInstanceId, [AGENT_LABEL]: AGENT_ID, [CONFIG_LABEL]: s.configHash } });
    const status = r.get(s.appInstanceId)!.status;
    expect(status.images).toEqual([{ name: image.name, digest: image.digest }]);
    expect(status.pid).toBe(Number(await inspect(s.appInstanceId, '{{.State.Pid}}')));
    expect(await inspect(s.appInstanceId, '{{.Image}} {{.HostConfig.Privileged}} {{.HostConfig.SecurityOpt}} {{.HostConfig.RestartPolicy.Name}}')).toBe(`${image.imageId} false [no-new-privileges] no`);
  });

  it('gives every container the spec\'s env, Mp1 URLs rewritten so the pod reaches the host\'s loopback server at 10.0.2.2', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.end('pong');
    });
    const hostPort = await freePort();
    await new Promise<void>((resolve) => server.listen(hostPort, '127.0.0.1', resolve));
    try {
      const r = await runtime();
      const port = await freePort();
      const call = 'wget -qO /www/mp1.txt "$MP1_API_ROOT/hello?from=$MEC_APP_INSTANCE_ID&greeting=$GREETING"; env > /www/env.txt';
      const s = await containerSpec({ command: httpd(port, call), port }, healthOn(port), {
        GREETING: 'hi', MP1_API_ROOT: `http://127.0.0.1:${hostPort}/mp1`, MP1_TOKEN_URL: `http://localhost:${hostPort}/mp1/token`,
      });
      await r.start(s);
      await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
      expect(seen).toEqual([`/mp1/hello?from=${s.appInstanceId}&greeting=hi`]);
      expect(await fetchText(port, '/mp1.txt')).toBe('pong');
      const env = (await fetchText(port, '/env.txt')) ?? '';
      expect(env).toContain(`MP1_API_ROOT=http://10.0.2.2:${hostPort}/mp1\n`);
      expect(env).toContain(`MP1_TOKEN_URL=http://10.0.2.2:${hostPort}/mp1/token\n`);
      expect(env).toContain(`PORT_HTTP=${port}\n`);
      expect(env).toContain(`MEC_APP_INSTANCE_ID=${s.appInstanceId}\n`);
    } finally {
      server.close();
    }
  });

  it('stops with the instance\'s grace (the app exits on SIGTERM by itself), keeps the record STOPPED, and remove leaves no pod', async () => {
    const r = await runtime();
    const script = 'trap \'echo got TERM; exit 0\' TERM; echo up; while true; do sleep 1; done';
    const s = await containerSpec({ command: ['/bin/sh', '-c', script] });
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    await waitFor('up in the log', async () => (await r.logsTail(s.appInstanceId, 20)).includes('up'));
    await r.stop(s.appInstanceId, 10);
    expect(stateOf(r, s.appInstanceId)).toBe('STOPPED');
    expect((await containersOf(s.appInstanceId))[0]).toMatchObject({ State: 'exited', ExitCode: 0 }); // not 137: it was not killed
    expect(await r.logsTail(s.appInstanceId, 20)).toContain('got TERM');
    await r.remove(s.appInstanceId, 1);
    expect(r.get(s.appInstanceId)).toBeUndefined();
    expect(await podsOf(s.appInstanceId)).toEqual([]);
    await expect(access(join(dir, 'r', 'runtime-podman', `${s.appInstanceId}.json`))).rejects.toThrow();
  });

  it('kills a container that ignores SIGTERM after the grace', async () => {
    const r = await runtime();
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'trap "" TERM; while true; do sleep 1; done'] });
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    await r.stop(s.appInstanceId, 1);
    expect((await containersOf(s.appInstanceId))[0]).toMatchObject({ State: 'exited', ExitCode: 137 });
    await r.remove(s.appInstanceId, 0);
  });

  it('restarts a container that keeps exiting 1 with backoff until CRASH_LOOP, its output kept across restarts', async () => {
    const r = await runtime();
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'echo crashing; exit 1'] });
    const id = (await r.start(s), (await containersOf(s.appInstanceId))[0]?.Id);
    await waitFor('CRASH_LOOP', () => stateOf(r, s.appInstanceId) === 'CRASH_LOOP', 90_000);
    const status = r.get(s.appInstanceId)!.status;
    expect(status.restarts).toBeGreaterThanOrEqual(3);
    expect(status.messageCode).toBe('exited');
    expect(status.messageParams).toMatchObject({ exitCode: 1 });
    expect((await r.logsTail(s.appInstanceId, 50)).filter((l) => l === 'crashing').length).toBeGreaterThanOrEqual(3);
    expect((await containersOf(s.appInstanceId)).map((c) => c.Id)).toEqual([id]); // restarted, not played anew
    await r.remove(s.appInstanceId, 0);
  });

  it('restarts a pod whose health check keeps failing on the published port', async () => {
    const r = await runtime();
    const port = await freePort(); // declared and published, but nothing in the container listens on it
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'while true; do sleep 1; done'], port }, healthOn(port));
    await r.start(s);
    await waitFor('a restart for failed health checks', () => (r.get(s.appInstanceId)?.status.restarts ?? 0) >= 1, 60_000);
    const status = r.get(s.appInstanceId)!.status;
    expect(status.messageCode).toBe('health_failed');
    expect(status.state).not.toBe('RUNNING');
    expect(await r.logsTail(s.appInstanceId, 50)).toContain('[mecport-agent] health check failed 3 times: stopping the pod to restart it');
    await r.remove(s.appInstanceId, 0);
  });

  it('follows the restart policy: never leaves a failed container FAILED, on-failure leaves a clean exit STOPPED and restarts a failure', async () => {
    const r = await runtime();
    const never = await containerSpec({ command: ['/bin/sh', '-c', 'exit 3'] }, { restartPolicy: 'never' });
    const clean = await containerSpec({ command: ['/bin/sh', '-c', 'echo done; exit 0'] }, { restartPolicy: 'on-failure' });
    const failing = await containerSpec({ command: ['/bin/sh', '-c', 'exit 2'] }, { restartPolicy: 'on-failure' });
    await Promise.all([r.start(never), r.start(clean), r.start(failing)]);
    await waitFor('never: FAILED', () => stateOf(r, never.appInstanceId) === 'FAILED', 60_000);
    expect(r.get(never.appInstanceId)!.status).toMatchObject({ restarts: 0, messageParams: { exitCode: 3 } });
    await waitFor('on-failure, exit 0: STOPPED', () => stateOf(r, clean.appInstanceId) === 'STOPPED', 60_000);
    expect(r.get(clean.appInstanceId)!.status.restarts).toBe(0);
    await waitFor('on-failure, exit 2: restarted', () => (r.get(failing.appInstanceId)?.status.restarts ?? 0) >= 1, 60_000);
    expect(await r.adopt(never)).toBe(true); // ended by its policy: nothing to start again
    for (const s of [never, clean, failing]) await r.remove(s.appInstanceId, 0);
  });

  it('runs a Deployment\'s template as one pod with its memory and CPU limits as cgroup limits', async () => {
    const r = await runtime();
    const port = await freePort();
    const s = await containerSpec({ command: httpd(port), port, deployment: true, limits: { memory: '64Mi', cpu: '500m' } }, healthOn(port));
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    expect(await containersOf(s.appInstanceId)).toHaveLength(1); // replicas: 3 in the YAML, one pod per node
    expect(await inspect(s.appInstanceId, '{{.HostConfig.Memory}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}}')).toBe(`${64 * 1024 * 1024} 50000 100000`);
    await r.remove(s.appInstanceId, 0);
  });

  it('plays the package\'s ConfigMaps under the instance\'s own names (env and volume), and removes them with the instance', async () => {
    const r = await runtime();
    const s = await containerSpec({
      command: ['/bin/sh', '-c', 'echo "G=$G"; cat /conf/motd; while true; do sleep 1; done'],
      before: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { greeting: 'hi-from-configmap', motd: 'motd-from-file\n' } }],
      volumes: [{ name: 'conf', configMap: { name: 'settings' } }],
      container: { env: [{ name: 'G', valueFrom: { configMapKeyRef: { name: 'settings', key: 'greeting' } } }], volumeMounts: [{ name: 'conf', mountPath: '/conf' }] },
    });
    await r.start(s);
    await waitFor('the ConfigMap\'s values in the log', async () => {
      const lines = await r.logsTail(s.appInstanceId, 20);
      return lines.includes('G=hi-from-configmap') && lines.includes('motd-from-file');
    }, 60_000);
    const volume = `mecport-${s.appInstanceId}-settings`;
    const volumes = async () => (await podman.run(['volume', 'ls', '--format', '{{.Name}}'])).stdout.split('\n');
    expect(await volumes()).toContain(volume);
    await r.remove(s.appInstanceId, 0);
    expect(await volumes()).not.toContain(volume);
  });

  it('refuses YAML that asks for privileges, naming the field, and runs nothing', async () => {
    const r = await runtime();
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'sleep 60'], securityContext: { privileged: true } });
    await expect(r.start(s)).rejects.toThrow(/containers\[0\]\.securityContext\.privileged: privileged containers are not allowed/);
    expect(r.get(s.appInstanceId)).toBeUndefined();
    expect(await podsOf(s.appInstanceId)).toEqual([]);
  });

  it('a new runtime on the same dirs adopts the running pod: no second pod, the same container', async () => {
    const first = await runtime('adopt');
    const port = await freePort();
    const s = await containerSpec({ command: httpd(port), port }, healthOn(port));
    await first.start(s);
    await waitFor('RUNNING', () => stateOf(first, s.appInstanceId) === 'RUNNING', 60_000);
    const [before] = await containersOf(s.appInstanceId);
    await first.detach(); // the agent exits; the pod runs on
    expect(await fetchText(port)).toBe('hello from busybox\n');
    const second = await runtime('adopt');
    expect(second.get(s.appInstanceId)?.spec.configHash).toBe(s.configHash);
    expect(await second.adopt(s)).toBe(true);
    await waitFor('RUNNING', () => stateOf(second, s.appInstanceId) === 'RUNNING', 60_000);
    expect(second.get(s.appInstanceId)!.status.messageCode).toBeNull();
    expect(await podsOf(s.appInstanceId)).toHaveLength(1);
    expect((await containersOf(s.appInstanceId)).map((c) => c.Id)).toEqual([before!.Id]);
    expect(await second.adopt({ ...s, configHash: 'other' })).toBe(false); // another configuration is started anew, not adopted
    await second.remove(s.appInstanceId, 0);
  });

  it('removes a stray pod of the instance that no record names before starting it, so one pod runs', async () => {
    const r = await runtime();
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'while true; do sleep 1; done'] });
    const stray = join(dir, `stray-${s.appInstanceId}.yaml`);
    const labels = { [INSTANCE_LABEL]: s.appInstanceId, [AGENT_LABEL]: AGENT_ID, [CONFIG_LABEL]: 'stale' };
    await writeFile(stray, stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: podName(s.appInstanceId), labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: image.imageId, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', 'sleep 600'] }] } }));
    await podman.run(['kube', 'play', '--network', 'slirp4netns', stray]);
    expect(await podsOf(s.appInstanceId)).toHaveLength(1);
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    const pods = await podsOf(s.appInstanceId);
    expect(pods.map((p) => p.Labels?.[CONFIG_LABEL])).toEqual([s.configHash]);
    await r.remove(s.appInstanceId, 0);
  });

  it('an agent killed between the play and the record of the pod: the next one adopts that pod or removes it, never runs two', async () => {
    let paused!: () => void;
    const atPause = new Promise<void>((resolve) => (paused = resolve));
    const first = await runtime('killed', async (point) => {
      if (point !== 'podman:after-play') return;
      paused();
      await new Promise<never>(() => undefined); // the agent dies here
    });
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'while true; do sleep 1; done'] });
    void first.start(s);
    await atPause;
    runtimes.splice(runtimes.indexOf(first), 1);
    const second = await runtime('killed');
    if (!(await second.adopt(s))) await second.start(s);
    await waitFor('RUNNING', () => stateOf(second, s.appInstanceId) === 'RUNNING', 60_000);
    expect(await podsOf(s.appInstanceId)).toHaveLength(1);
    expect(await containersOf(s.appInstanceId)).toHaveLength(1);
    // The same, but the record is lost too (it was never written): load() removes the pod no record names.
    await second.detach();
    await rm(join(dir, 'killed', 'runtime-podman', `${s.appInstanceId}.json`));
    const third = await runtime('killed');
    expect(third.get(s.appInstanceId)).toBeUndefined();
    expect(await podsOf(s.appInstanceId)).toEqual([]);
  });

  it('tails the containers\' output with the agent\'s notes, and the log version changes when they write', async () => {
    const r = await runtime();
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'echo line one; echo line two >&2; while true; do sleep 1; done'] });
    await r.start(s);
    await waitFor('both lines', async () => {
      const lines = await r.logsTail(s.appInstanceId, 10);
      return lines.includes('line one') && lines.includes('line two');
    }, 60_000);
    const lines = await r.logsTail(s.appInstanceId, 10);
    expect(lines[0]).toMatch(/^\[mecport-agent\] starting: podman kube play/);
    const version = await r.logVersion(s.appInstanceId);
    expect(version).toBeDefined();
    await r.stop(s.appInstanceId, 0);
    expect(await r.logVersion(s.appInstanceId)).not.toBe(version); // the stop note
    expect(await r.logsTail(s.appInstanceId, 1)).toEqual([expect.stringMatching(/^\[mecport-agent\] stopping: podman pod stop/)]);
    await r.remove(s.appInstanceId, 0);
  });

  it('status reads the podman records of a data dir: the runtimes, each pod with its state now and its image digests', async () => {
    const r = await runtime('status'); // runtime-podman under the data dir, as the agent keeps it
    const s = await containerSpec({ command: ['/bin/sh', '-c', 'while true; do sleep 1; done'] });
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING', 60_000);
    const state = new StateStore(join(dir, 'status'));
    const running = await collectContainers(state, AGENT_ID);
    expect(running.runtimes).toEqual(['process', 'podman']);
    expect(running.containers).toEqual([expect.objectContaining({
      appInstanceId: s.appInstanceId, state: 'RUNNING', pod: podName(s.appInstanceId), podState: 'Running', images: [{ name: image.name, digest: image.digest }],
    })]);
    await r.stop(s.appInstanceId, 0);
    expect((await collectContainers(state, AGENT_ID)).containers[0]).toMatchObject({ state: 'STOPPED', podState: 'Exited' });
    await r.remove(s.appInstanceId, 0);
    expect((await collectContainers(state, AGENT_ID)).containers).toEqual([]);
  });
});
