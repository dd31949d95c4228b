/** The process runtime with real processes: the Hello Edge sample bundle and tiny scripts that crash, hang or fail health checks. */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZProcessBundle, type TProcessBundle } from '@mecport/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appBaseEnv } from '../env';
import { extractProcessBundle } from '../packages/bundle-extract';
import { appProcesses, killApps } from '../testing/agent-process';
import { buildHelloEdge, freePort, getJson, waitFor } from '../testing/sample-app';
import type { TInstanceSpec } from './app-runtime';
import { ProcessRuntime } from './process-runtime';

const RESTART = { baseBackoffMs: 100, maxBackoffMs: 400, crashLoopRestarts: 3, crashLoopWindowMs: 30_000, livenessPollMs: 200, healthKillGraceMs: 1000 };
let dir: string;
const started: string[] = [];
const runtimes: ProcessRuntime[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-runtime-'));
  return () => rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.detach()));
  await killApps(started.splice(0));
});

async function runtime(name = 'r'): Promise<ProcessRuntime> {
  const r = new ProcessRuntime({ runtimeDir: join(dir, name, 'runtime'), logsDir: join(dir, name, 'logs'), baseEnv: appBaseEnv(), restart: RESTART });
  await r.load();
  runtimes.push(r);
  return r;
}

function spec(bundleDir: string, bundle: TProcessBundle, env: Record<string, string> = {}): TInstanceSpec {
  const appInstanceId = randomUUID();
  started.push(appInstanceId);
  const ports = Object.fromEntries(bundle.ports.map((p) => [`PORT_${p.name}`, String(p.port)]));
  return { appInstanceId, appName: 'test', appVersionId: randomUUID(), version: '1', packageSha256: 'f'.repeat(64), bundleDir, bundle, env: { MEC_APP_INSTANCE_ID: appInstanceId, ...ports, ...env }, gracefulTerminationSec: 2, configHash: randomUUID().slice(0, 8) };
}

async function helloEdge(): Promise<{ spec: TInstanceSpec; port: number }> {
  const port = await freePort();
  const csar = await buildHelloEdge(dir, { port });
  const { dir: bundleDir, bundle } = await extractProcessBundle(csar, join(dir, 'bundles'), randomUUID());
  return { spec: spec(bundleDir, bundle), port };
}

/** A bundle of one script, `node app.js`. */
async function scriptBundle(script: string, manifest: Partial<Record<keyof TProcessBundle, unknown>> = {}): Promise<TInstanceSpec> {
  const bundleDir = join(dir, 'scripts', randomUUID());
  await mkdir(bundleDir, { recursive: true });
  await writeFile(join(bundleDir, 'app.js'), script);
  const bundle = ZProcessBundle.parse({ command: ['node', 'app.js'], ...manifest });
  return spec(bundleDir, bundle);
}

const stateOf = (r: ProcessRuntime, id: string) => r.get(id)?.status.state;

describe('ProcessRuntime', () => {
  it('starts a bundle detached in its own process group, STARTING then RUNNING once healthy, with its output in the log', async () => {
    const r = await runtime();
    const { spec: s, port } = await helloEdge();
    await r.start(s);
    expect(['STARTING', 'RUNNING']).toContain(stateOf(r, s.appInstanceId));
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING');
    const pid = r.get(s.appInstanceId)!.status.pid!;
    expect(await appProcesses(s.appInstanceId)).toEqual([pid]); // a session and group leader
    expect(await getJson(port)).toMatchObject({ greeting: 'hello from the edge', appInstanceId: s.appInstanceId, pid });
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    expect(environ).toContain(`PORT_HTTP=${port}`);
    expect(environ).not.toContain('LOG_LEVEL='); // only the inherited basics, not the agent's whole environment
    await waitFor('the log', async () => (await r.logsTail(s.appInstanceId, 50)).some((l) => l.includes('"msg":"listening"')));
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    expect(cmdline).toContain('--max-old-space-size=64'); // resources.memoryMb of a node bundle
    const nice = Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ')[16]);
    expect(nice).toBe(5);
  });

  it('stops gracefully with SIGTERM, and kills the group with SIGKILL after the grace period', async () => {
    const r = await runtime();
    const { spec: s } = await helloEdge();
    await r.start(s);
    await waitFor('RUNNING', () => stateOf(r, s.appInstanceId) === 'RUNNING');
    await r.stop(s.appInstanceId, 5);
    expect(stateOf(r, s.appInstanceId)).toBe('STOPPED');
    expect(await appProcesses(s.appInstanceId)).toEqual([]);
    expect((await r.logsTail(s.appInstanceId, 20)).some((l) => l.includes('SIGTERM: stopping'))).toBe(true);

    const stubborn = await scriptBundle("process.on('SIGTERM', () => console.log('ignoring SIGTERM')); setInterval(() => {}, 1000); console.log('up');");
    await r.start(stubborn);
    await waitFor('up', async () => (await r.logsTail(stubborn.appInstanceId, 5)).some((l) => l === 'up'));
    await r.stop(stubborn.appInstanceId, 1);
    expect(await appProcesses(stubborn.appInstanceId)).toEqual([]);
    expect((await r.logsTail(stubborn.appInstanceId, 5)).some((l) => l === 'ignoring SIGTERM')).toBe(true);
    expect(stateOf(r, stubborn.appInstanceId)).toBe('STOPPED');
  });

  it('restarts a crashed app with backoff and reports CRASH_LOOP after repeated crashes', async () => {
    const r = await runtime();
    const s = await scriptBundle("console.log('starting'); setTimeout(() => process.exit(3), 100);");
    await r.start(s);
    await waitFor('CRASH_LOOP', () => stateOf(r, s.appInstanceId) === 'CRASH_LOOP');
    const status = r.get(s.appInstanceId)!.status;
    expect(status.restarts).toBeGreaterThanOrEqual(3);
    expect(status.message).toMatch(/exited with code 3; restarting in/);
    // The same as a code with parameters, which the portal shows in the reader's language.
    expect(status).toMatchObject({ messageCode: 'exited', messageParams: { exitCode: 3, restartInSec: expect.any(Number) } });
    expect((await runtime()).get(s.appInstanceId)?.status.messageCode, 'kept in the record a restarted agent reads').toBe('exited');
    await waitFor('more restarts at the capped backoff', () => r.get(s.appInstanceId)!.status.restarts >= 5);
    expect((await r.logsTail(s.appInstanceId, 100)).filter((l) => l === 'starting').length).toBeGreaterThanOrEqual(5);
  });

  it('follows the restart policy: never and on-failure leave a clean exit stopped', async () => {
    const r = await runtime();
    const never = await scriptBundle('process.exit(1);', { restartPolicy: 'never' });
    const onFailure = await scriptBundle('process.exit(0);', { restartPolicy: 'on-failure' });
    await r.start(never);
    await r.start(onFailure);
    await waitFor('FAILED', () => stateOf(r, never.appInstanceId) === 'FAILED');
    await waitFor('STOPPED', () => stateOf(r, onFailure.appInstanceId) === 'STOPPED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.get(never.appInstanceId)!.status.restarts).toBe(0);
    expect(r.get(onFailure.appInstanceId)!.status.restarts).toBe(0);
    // The reconciler adopts before it starts: an app that ended under its policy is not started again,
    // neither by this runtime nor by the next agent's.
    expect(await r.adopt(never)).toBe(true);
    const next = await runtime();
    expect(await next.adopt(never)).toBe(true);
    expect(await next.adopt(onFailure)).toBe(true);
    expect(await appProcesses(never.appInstanceId)).toEqual([]);
  });

  it('sees apps that exit at once: ten clean exits all end STOPPED, none stays RUNNING', async () => {
    const r = await runtime();
    const quick = await Promise.all(Array.from({ length: 10 }, () => scriptBundle('process.exit(0);', { restartPolicy: 'on-failure' })));
    await Promise.all(quick.map((q) => r.start(q)));
    await waitFor('every STOPPED', () => quick.every((q) => stateOf(r, q.appInstanceId) === 'STOPPED'));
  });

  it('a command that does not exist fails the instance with the reason, and does not crash the agent', async () => {
    const r = await runtime();
    const dir = await scriptBundle('', {});
    const missing = { ...dir, bundle: { ...dir.bundle, command: ['mecport-no-such-command'], restartPolicy: 'never' as const } };
    await r.start(missing);
    await waitFor('FAILED', () => stateOf(r, missing.appInstanceId) === 'FAILED');
    expect(r.get(missing.appInstanceId)!.status.message).toMatch(/cannot start: .*ENOENT/);
    expect(r.get(missing.appInstanceId)!.status).toMatchObject({ messageCode: 'start_failed', messageParams: { error: expect.stringMatching(/ENOENT/) } });
  });

  it('restarts an app whose health check keeps failing', async () => {
    const r = await runtime();
    const port = await freePort();
    const s = await scriptBundle(
      `require('node:http').createServer((q, a) => { a.writeHead(503); a.end(); }).listen(${port}, '127.0.0.1');`,
      { healthCheck: { http: { port, path: '/health' }, intervalSec: 1, timeoutSec: 1, failureThreshold: 2 } },
    );
    await r.start(s);
    expect(stateOf(r, s.appInstanceId)).toBe('STARTING');
    await waitFor('a restart', () => r.get(s.appInstanceId)!.status.restarts >= 1, 20_000);
    expect(r.get(s.appInstanceId)!.status.message).toMatch(/health check failed 2 times/);
    expect(r.get(s.appInstanceId)!.status).toMatchObject({ messageCode: 'health_failed', messageParams: { failures: 2 } });
  });

  it('runs other commands under prlimit when the bundle sets a memory limit', async () => {
    const r = await runtime();
    const bundleDir = join(dir, 'sleep');
    await mkdir(bundleDir, { recursive: true });
    const s = spec(bundleDir, ZProcessBundle.parse({ command: ['sleep', '30'], resources: { memoryMb: 48 } }));
    await r.start(s);
    const pid = r.get(s.appInstanceId)!.status.pid!;
    await waitFor('prlimit to exec sleep in the same process', async () => (await readFile(`/proc/${pid}/comm`, 'utf8')) === 'sleep\n');
    const limits = await readFile(`/proc/${pid}/limits`, 'utf8');
    expect(limits).toMatch(new RegExp(`Max address space\\s+${48 * 1024 * 1024}\\s`));
  });

  it('after an agent restart adopts the running process instead of starting another, and restarts it when it dies', async () => {
    const first = await runtime('adopt');
    const { spec: s, port } = await helloEdge();
    await first.start(s);
    await waitFor('RUNNING', () => stateOf(first, s.appInstanceId) === 'RUNNING');
    const pid = first.get(s.appInstanceId)!.status.pid!;
    await first.detach(); // the agent goes away; the app does not

    const second = await runtime('adopt');
    expect(second.get(s.appInstanceId)?.spec).toEqual(s);
    expect(await second.adopt(s)).toBe(true);
    expect(second.get(s.appInstanceId)!.status.pid).toBe(pid);
    await waitFor('RUNNING after adoption', () => stateOf(second, s.appInstanceId) === 'RUNNING');
    expect(await appProcesses(s.appInstanceId)).toEqual([pid]);
    expect(await second.adopt(s)).toBe(true); // idempotent

    process.kill(pid, 'SIGKILL');
    await waitFor('a new process', async () => {
      const now = second.get(s.appInstanceId)!.status.pid;
      return now !== null && now !== pid && (await getJson(port)) !== undefined;
    });
    expect(second.get(s.appInstanceId)!.status.restarts).toBe(1);
    expect(await appProcesses(s.appInstanceId)).toHaveLength(1);
  });

  it('finds a process whose pid never reached the record (killed right after spawn) by its environment tag', async () => {
    const first = await runtime('tag');
    const { spec: s } = await helloEdge();
    await first.start(s);
    const pid = first.get(s.appInstanceId)!.status.pid!;
    await first.detach();
    const recordPath = join(dir, 'tag', 'runtime', `${s.appInstanceId}.json`);
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as Record<string, unknown>;
    await writeFile(recordPath, JSON.stringify({ ...record, process: null }));

    const second = await runtime('tag');
    expect(await second.adopt(s)).toBe(true);
    expect(second.get(s.appInstanceId)!.status.pid).toBe(pid);
    expect(await second.adopt({ ...s, configHash: 'other' })).toBe(false); // a different spec is not adopted
  });

  it('starts a recorded instance again when its process is gone, killing nothing else', async () => {
    const first = await runtime('dead');
    const { spec: s } = await helloEdge();
    await first.start(s);
    const pid = first.get(s.appInstanceId)!.status.pid!;
    await first.detach();
    process.kill(-pid, 'SIGKILL');
    await waitFor('gone', async () => (await appProcesses(s.appInstanceId)).length === 0);

    const second = await runtime('dead');
    expect(await second.adopt(s)).toBe(false);
    await second.start(s);
    await waitFor('RUNNING', () => stateOf(second, s.appInstanceId) === 'RUNNING');
    expect(await appProcesses(s.appInstanceId)).toHaveLength(1);
  });

  it('removes an instance: process, record and log', async () => {
    const r = await runtime('remove');
    const s = await scriptBundle("setInterval(() => {}, 1000); console.log('up');");
    await r.start(s);
    await r.remove(s.appInstanceId, 1);
    expect(r.get(s.appInstanceId)).toBeUndefined();
    expect(await appProcesses(s.appInstanceId)).toEqual([]);
    expect(await r.logsTail(s.appInstanceId, 5)).toEqual([]);
    const again = await runtime('remove');
    expect(again.instances()).toEqual([]);
  });
});
