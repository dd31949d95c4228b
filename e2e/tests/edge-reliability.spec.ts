/**
 * Offline autonomy with the real parts: a real MEP agent (`mecport-agent`, its own data dir and
 * Mp1 port) enrolled through a second portal process, running a Hello Edge build on its own port.
 * The portal is crashed (SIGKILL): the app keeps answering and Mp1 keeps serving; the agent is
 * restarted while the portal is down: it adopts the running app (same pid) and restores Mp1 from
 * its local copy; the portal comes back: the node converges with exactly one instance and one app
 * process. The app's Mp1 credentials are read from its environment (/proc), as the agent gave them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TAppInstancePage, TDeploymentDetail, TEdgeNode, TEnrolmentTicket, TNodeDetail } from '@mecport/contracts';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/published-app';
import { crashPortal, startSecondPortal, type TSecondPortal } from '../support/second-portal';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';
import { giveOwnAppDId, scratchDir } from '../support/uploads';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PORTAL_PORT = E2E.reliabilityPortalPort;
const MP1_PORT = E2E.agentMp1Port + 2;
const APP_PORT = 8193;
const HELLO_EDGE = path.join(ROOT, 'packages/app-package/examples/hello-edge');
const work = scratchDir('mecport-e2e-autonomy-');
const agentDir = path.join(work.dir, 'agent');
let portal: TSecondPortal | undefined;
let agent: ChildProcess | undefined;
let appInstanceId: string | undefined;

test.describe.configure({ timeout: 300_000 });

/** Hello Edge on APP_PORT (the demo node's copy holds the example's own port). */
async function helloEdgeOnOwnPort(dir: string, version: string): Promise<string> {
  const folder = path.join(dir, `hello-edge-${version}`);
  cpSync(HELLO_EDGE, folder, { recursive: true });
  giveOwnAppDId(folder); // Hello Edge's own appDId belongs to the demo app
  const manifest = path.join(folder, 'Artifacts/Deployment/Process/process.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replaceAll('8090', String(APP_PORT)));
  const out = path.join(dir, `hello-edge-${version}.csar`);
  await buildPackage({ dir: folder, out });
  return out;
}

function startAgent(): ChildProcess {
  const child = spawn('npx', ['mecport-agent', 'run', '--data-dir', agentDir, '--mp1-port', String(MP1_PORT), '--dns-port', 'off'], { cwd: ROOT, detached: true, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'warn' } });
  return child;
}

async function stopAgent(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** Pids of processes whose environment names this app instance (the agent sets MEC_APP_INSTANCE_ID). */
function appPids(instanceId: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try {
      return readFileSync(`/proc/${p}/environ`, 'utf8').split('\0').includes(`MEC_APP_INSTANCE_ID=${instanceId}`) ? [Number(p)] : [];
    } catch {
      return [];
    }
  });
}

async function hello(): Promise<{ pid: number; ready: boolean }> {
  const response = await fetch(`http://127.0.0.1:${APP_PORT}/hello`);
  expect(response.status).toBe(200);
  return (await response.json()) as { pid: number; ready: boolean };
}

/** Discovery through Mp1 with the credentials the agent gave the app (client credentials grant). */
async function mp1ServiceNames(appPid: number): Promise<string[]> {
  const env = Object.fromEntries(readFileSync(`/proc/${appPid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const basic = Buffer.from(`${encodeURIComponent(env.MP1_CLIENT_ID!)}:${encodeURIComponent(env.MP1_CLIENT_SECRET!)}`).toString('base64');
  const token = await fetch(env.MP1_TOKEN_URL!, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  expect(token.status).toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const services = await fetch(`${env.MP1_API_ROOT}/mec_service_mgmt/v1/services`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(services.status).toBe(200);
  return ((await services.json()) as { serName: string }[]).map((s) => s.serName);
}

test.afterAll(async () => {
  await stopAgent(agent);
  // The agent leaves its apps running by design; this test's app goes with the test.
  for (const pid of appInstanceId ? appPids(appInstanceId) : []) process.kill(pid, 'SIGKILL');
  await crashPortal(portal?.child);
  work.remove();
});

test('with the portal crashed and the agent restarted, the app keeps running and Mp1 keeps serving; the node converges when the portal returns', async ({ request, publishApp }) => {
  const operator = await tokenFor('operator');
  const { versions } = await publishApp(['1.0.0'], helloEdgeOnOwnPort);
  portal = await startSecondPortal(PORTAL_PORT);

  // Enrol a real agent through the second portal (the ticket's command names that portal).
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/nodes', body: { name: `autonomy-${Date.now()}`, latitude: 48.14, longitude: 11.58, city: 'Munich' } }, operator);
  const node = (await created.json()) as TEdgeNode;
  const ticket = (await (await call(request, { method: 'POST', path: `${portal.url}/api/v1/edge/nodes/${node.id}/enrolment` }, operator)).json()) as TEnrolmentTicket;
  expect(ticket.command).toContain(`--portal ${portal.url}`);
  const enrol = spawnSync('npx', ['mecport-agent', 'enroll', '--portal', portal.url, '--token', ticket.token, '--data-dir', agentDir], { cwd: ROOT, encoding: 'utf8' });
  expect(enrol.status, enrol.stderr).toBe(0);
  agent = startAgent();

  const deployed = await call(request, { method: 'POST', path: '/api/v1/edge/deployments', body: { appVersionId: versions[0]!.id, target: { kind: 'nodes', nodeIds: [node.id] }, batchSize: 1 } }, operator);
  const deployment = (await deployed.json()) as TDeploymentDetail;
  await expect.poll(async () => ((await (await call(request, { method: 'GET', path: `/api/v1/edge/deployments/${deployment.id}` }, operator)).json()) as TDeploymentDetail).status, { timeout: 120_000, intervals: [1000] }).toBe('succeeded');
  const instanceId = deployment.targets[0]!.appInstanceId!;
  appInstanceId = instanceId;
  await expect.poll(async () => (await hello()).ready, { timeout: 60_000 }).toBe(true);
  const { pid } = await hello();
  expect(await mp1ServiceNames(pid)).toContain('greeting');

  // 1. The portal crashes: the app keeps answering, Mp1 keeps serving.
  await crashPortal(portal.child);
  expect((await hello()).pid).toBe(pid);
  expect(await mp1ServiceNames(pid)).toContain('greeting');

  // 2. The agent restarts with the portal still down: it adopts the app and restores Mp1.
  await stopAgent(agent);
  expect((await hello()).pid, 'the app outlives its agent').toBe(pid);
  agent = startAgent();
  await expect.poll(async () => mp1ServiceNames(pid).catch(() => []), { timeout: 60_000, intervals: [1000] }).toContain('greeting');
  expect((await hello()).pid).toBe(pid);
  expect(appPids(instanceId)).toEqual([pid]);

  // 3. The portal returns: the node converges, one instance, one process.
  const before = Date.now();
  portal = await startSecondPortal(PORTAL_PORT);
  await expect.poll(async () => {
    const detail = (await (await call(request, { method: 'GET', path: `/api/v1/edge/nodes/${node.id}` }, operator)).json()) as TNodeDetail;
    return { status: detail.node.status, fresh: Date.parse(detail.node.lastHeartbeatAt ?? '0') > before };
  }, { timeout: 90_000, intervals: [1000] }).toEqual({ status: 'online', fresh: true });
  const instances = (await (await call(request, { method: 'GET', path: `/api/v1/edge/instances?nodeId=${node.id}` }, operator)).json()) as TAppInstancePage;
  expect(instances.items.map((i) => [i.id, i.state])).toEqual([[instanceId, 'RUNNING']]);
  expect(appPids(instanceId)).toEqual([pid]);
});
