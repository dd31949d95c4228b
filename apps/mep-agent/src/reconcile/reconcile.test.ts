/** The reconciler with the real process runtime, the real Mp1 server and the Hello Edge sample app (which speaks Mp1). */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TDesiredAppInstance, TDesiredState } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBaseEnv } from '../env';
import { silentLogger } from '../log';
import { Mp1Host } from '../mp1-host';
import { extractProcessBundle } from '../packages/bundle-extract';
import { noPause } from '../pause';
import { ProcessRuntime } from '../runtime/process-runtime';
import { StateStore } from '../state/state-store';
import { appProcesses, killApps } from '../testing/agent-process';
import { buildHelloEdge, desiredInstance, freePort, getJson, waitFor } from '../testing/sample-app';
import type { TPreparedBundle } from './prepare';
import { reconcile } from './reconcile';

let dir: string;
let runtime: ProcessRuntime;
let mp1: Mp1Host;
const bundles = new Map<string, TPreparedBundle>();
const ids = [randomUUID(), randomUUID()];
const ports: number[] = [];
const nodeId = randomUUID();
const versionIds = new Map<string, string>();
let revision = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-reconcile-'));
  const state = new StateStore(dir);
  runtime = new ProcessRuntime({ runtimeDir: state.paths.runtime, logsDir: state.paths.logs, baseEnv: appBaseEnv(), restart: { baseBackoffMs: 100 } });
  await runtime.load();
  mp1 = new Mp1Host({ port: await freePort(), store: state, log: silentLogger });
  await mp1.start();
  ports.push(await freePort(), await freePort());
});
afterAll(async () => {
  await runtime.detach();
  await killApps(ids);
  await mp1.close();
  await rm(dir, { recursive: true, force: true });
});

async function instance(i: number, version: string, desiredState: 'RUNNING' | 'STOPPED' = 'RUNNING'): Promise<TDesiredAppInstance> {
  const csar = await buildHelloEdge(dir, { port: ports[i]!, version });
  const sha256 = createHash('sha256').update(await readFile(csar)).digest('hex');
  bundles.set(sha256, await extractProcessBundle(csar, join(dir, 'bundles'), sha256));
  if (!versionIds.has(version)) versionIds.set(version, randomUUID());
  return desiredInstance({ sha256, size: 1, path: `/api/v1/edge/nodes/${nodeId}/packages/${sha256}` }, { appInstanceId: ids[i], version, desiredState, appVersionId: versionIds.get(version) });
}

function doc(appInstances: TDesiredAppInstance[]): TDesiredState {
  revision += 1;
  return { nodeId, revision, heartbeatIntervalSec: 10, appInstances, callbackAllowCidrs: [], dataPlane: { adapter: 'memory', settings: {} }, ruleSetVersion: 0, runtime: { container: 'none' as const, registries: [] } };
}

/** How each termination the reconciler asked Mp1 for ended ('confirmed': the app was told and answered). */
const outcomes: string[] = [];
const run = (d: TDesiredState) => {
  const watched = new Proxy(mp1, {
    get: (target, key) => (key === 'terminate'
      ? async (...args: Parameters<Mp1Host['terminate']>) => {
        const outcome = await target.terminate(...args);
        outcomes.push(outcome);
        return outcome;
      }
      : Reflect.get(target, key, target)),
  });
  return reconcile(d, bundles, { runtime, mp1: watched, log: silentLogger, pause: noPause });
};
const pidOf = (i: number) => runtime.get(ids[i]!)?.status.pid;

describe('reconcile', () => {
  let first: TDesiredAppInstance;
  let second: TDesiredAppInstance;

  it('starts what the document adds; the apps get Mp1 credentials and confirm ready', async () => {
    first = await instance(0, '1.0.0');
    second = await instance(1, '1.0.0');
    await run(doc([first, second]));
    for (const i of [0, 1]) {
      await waitFor(`app ${i} ready on Mp1`, () => mp1.isReady(ids[i]!));
      expect(await getJson(ports[i]!)).toMatchObject({ appInstanceId: ids[i], version: '1.0.0', ready: true });
    }
    expect(mp1.services().map((s) => s.appInstanceId).sort()).toEqual([...ids].sort());
    const env = runtime.get(ids[0]!)!.spec.env;
    expect(env).toMatchObject({ MEC_APP_INSTANCE_ID: ids[0], MP1_API_ROOT: mp1.apiRoot, MP1_TOKEN_URL: `${mp1.apiRoot}/oauth2/token`, MP1_CLIENT_ID: ids[0], PORT_HTTP: String(ports[0]) });
    expect(env.MP1_CLIENT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is idempotent: the same document again changes nothing', async () => {
    const before = [pidOf(0), pidOf(1)];
    const secret = runtime.get(ids[0]!)!.spec.env.MP1_CLIENT_SECRET;
    await run(doc([first, second]));
    expect([pidOf(0), pidOf(1)]).toEqual(before);
    expect(runtime.get(ids[0]!)!.spec.env.MP1_CLIENT_SECRET).toBe(secret);
    expect(runtime.instances().map((i) => i.status.restarts)).toEqual([0, 0]);
    for (const i of [0, 1]) expect(await appProcesses(ids[i]!)).toHaveLength(1);
  });

  it('upgrades an instance to a new version (stop, then start) and leaves the other alone', async () => {
    const untouched = pidOf(1);
    const old = pidOf(0);
    const secret = runtime.get(ids[0]!)!.spec.env.MP1_CLIENT_SECRET;
    first = await instance(0, '2.0.0');
    await run(doc([first, second]));
    expect(pidOf(0)).not.toBe(old);
    expect(pidOf(1)).toBe(untouched);
    await waitFor('v2 ready on Mp1', async () => mp1.isReady(ids[0]!) && (await getJson(ports[0]!))?.version === '2.0.0');
    expect(runtime.get(ids[0]!)!.spec.env.MP1_CLIENT_SECRET).toBe(secret); // same instance, same Mp1 client
    expect(await appProcesses(ids[0]!)).toEqual([pidOf(0)]);
    expect(mp1.services().filter((s) => s.appInstanceId === ids[0]).map((s) => s.version)).toEqual(['2.0.0']);
  });

  it('stops an instance whose desired state is STOPPED, and removes one the document no longer names after telling it on Mp1', async () => {
    first = { ...first, desiredState: 'STOPPED' };
    await run(doc([first]));
    expect(runtime.get(ids[0]!)?.status.state).toBe('STOPPED');
    expect(await appProcesses(ids[0]!)).toEqual([]);
    expect(runtime.get(ids[1]!)).toBeUndefined();
    expect(await appProcesses(ids[1]!)).toEqual([]);
    expect(mp1.registry.hasAppInstance(ids[1]!)).toBe(false);
    expect(mp1.services().some((s) => s.appInstanceId === ids[1])).toBe(false);
  });

  it('tells the app to terminate through Mp1 before stopping it', async () => {
    first = { ...first, desiredState: 'RUNNING' };
    await run(doc([first]));
    await waitFor('ready again', () => mp1.isReady(ids[0]!));
    // Mp1 keeps an instance's ready flag across a restart: wait for the new process's own handshake.
    await waitFor('the restarted app did its Mp1 handshake', async () => (await getJson(ports[0]!, '/hello'))?.ready === true);
    const terminated = new Promise<string>((resolve) => mp1.registry.once('terminationStarted', ({ operationAction }) => resolve(operationAction)));
    outcomes.length = 0;
    await run(doc([]));
    expect(await terminated).toBe('TERMINATING');
    // Hello Edge subscribed with a callback on its own declared port: it was told and confirmed.
    expect(outcomes).toEqual(['confirmed']);
    expect(runtime.instances()).toEqual([]);
    expect(await appProcesses(ids[0]!)).toEqual([]);
  });
});
