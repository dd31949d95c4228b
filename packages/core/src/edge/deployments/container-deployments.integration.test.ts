/**
 * Container apps on the portal's side (issue 14), against a real Postgres: a version's workload is
 * read once and kept; a deployment of a container app is refused before it starts on a node whose
 * runtime setting is none or whose agent reported no podman (naming the node), a Helm-only version
 * always; its ports are checked like a process app's; the desired state carries its images and
 * the node's runtime setting; the images an agent reports are kept and read back; the node's
 * runtime setting is persisted, audited, exported and imported; heartbeats and enrolment store
 * what the agent can run.
 */
import { AppError, HELM_NOT_SUPPORTED, ZNodeFeatureCollection, ZNodeImportRequest, type TAppWorkload, type TInstanceStatus } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { enrolNode, freshOperator, newNode, OPTIONS } from '../../testing/edge-fixtures';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { recordHeartbeat, recordNodeReport } from '../channel/agent-reports';
import { buildDesiredState } from '../channel/desired-state';
import { exportNodes } from '../nodes/node-export';
import { importNodes } from '../nodes/node-import';
import { getNode, updateNode } from '../nodes/nodes';
import { advanceDeployment } from './advance-deployment';
import { createDeployment } from './create-deployment';
import { getInstance, listInstances } from './instances';
import { getDeployment } from './read-deployments';
import type { TWorkloadReader } from './app-workload';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const METRICS = { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 };
const DIGEST = `sha256:${'c'.repeat(64)}`;
const container = (port: number): TAppWorkload => ({
  runtime: 'container', ports: [port], kubeFiles: ['Artifacts/Deployment/Kubernetes/app.yaml'],
  images: [{ name: '127.0.0.1:5055/demo/hello:1.0', archive: 'Artifacts/Images/hello.tar', digest: DIGEST }],
});

/** A published version whose package the reader reads as `workload`; the reader counts its reads. */
async function versionRunning(workload: TAppWorkload) {
  const dev = await freshDeveloper(db);
  const app = await newApp(db, dev, { name: `Container probe ${Math.random().toString(36).slice(2, 8)}` });
  const version = await newVersion(db, dev, app.id, { version: '1.0.0', publish: true });
  const reads: unknown[] = [];
  const readWorkload: TWorkloadReader = (_digest, appd) => { reads.push(appd); return Promise.resolve(workload); };
  return { app, version, readWorkload, reads };
}

/** A node whose runtime setting is Podman and whose agent reported `runtimes` in a heartbeat. */
async function podmanNode(op: TActor, runtimes: ('process' | 'podman')[] = ['process', 'podman']) {
  const node = await newNode(db, op, { runtime: { container: 'podman', registries: [{ host: '127.0.0.1:5055', tlsVerify: false }] } });
  await enrolNode(db, op, node.id);
  await recordHeartbeat(db, { nodeId: node.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: 0, metrics: METRICS, instances: [], services: [], runtimes });
  return node;
}

const install = (op: TActor, appVersionId: string, nodeIds: string[], readWorkload: TWorkloadReader) =>
  createDeployment(db, op, { appVersionId, kind: 'install', target: { kind: 'nodes', nodeIds }, batchSize: 10, stopOnFailure: true }, undefined, { readWorkload });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('deploying a container app', () => {
  it('is refused before it starts on a node whose runtime setting is none, naming the node; the workload is kept anyway', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { version, readWorkload, reads } = await versionRunning(container(18091));
    const error = await refusal(install(op, version.id, [node.id], readWorkload));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`node ${node.name} cannot run container apps: its runtime setting is none`);
    expect(error.extensions?.runtimeRefusals).toEqual([expect.objectContaining({ nodeId: node.id, nodeName: node.name })]);
    expect(await db.deployment.count({ where: { appVersionId: version.id } })).toBe(0);
    const stored = await db.appVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(stored.workload).toEqual(container(18091));
    expect(stored.declaredPorts).toEqual([18091]);
    // The reader got the version's AppD (for its image pins), and is not asked again.
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ appDId: stored.appdId });
    await refusal(install(op, version.id, [node.id], readWorkload));
    expect(reads).toHaveLength(1);
  });

  it('is refused on a Podman node whose agent reports no podman, and on one that never reported', async () => {
    const op = await freshOperator(db);
    const without = await podmanNode(op, ['process']);
    const silent = await newNode(db, op, { runtime: { container: 'podman', registries: [] } });
    const { version, readWorkload } = await versionRunning(container(18092));
    const error = await refusal(install(op, version.id, [without.id, silent.id], readWorkload));
    const byNode = new Map((error.extensions?.runtimeRefusals as { nodeId: string; message: string }[]).map((r) => [r.nodeId, r.message]));
    expect(byNode.get(without.id)).toBe(`node ${without.name} cannot run container apps: its agent reports no container runtime (podman is not installed there)`);
    expect(byNode.get(silent.id)).toContain(`node ${silent.name} cannot run container apps: its agent has not reported`);
  });

  it('starts on a Podman node: the desired state carries its images and the runtime setting; reported images are kept and read back', async () => {
    const op = await freshOperator(db);
    const node = await podmanNode(op);
    const { version, readWorkload } = await versionRunning(container(18093));
    const id = await install(op, version.id, [node.id], readWorkload);
    await advanceDeployment(db, id);
    const desired = await buildDesiredState(db, node.id, 10);
    expect(desired.runtime).toEqual({ container: 'podman', registries: [{ host: '127.0.0.1:5055', tlsVerify: false }] });
    expect(desired.appInstances).toHaveLength(1);
    expect(desired.appInstances[0]!.container).toEqual({ images: [{ name: '127.0.0.1:5055/demo/hello:1.0', archive: 'Artifacts/Images/hello.tar', digest: DIGEST }] });
    const instanceId = desired.appInstances[0]!.appInstanceId;

    const ran = [{ name: '127.0.0.1:5055/demo/hello:1.0', digest: DIGEST }];
    const running = (images?: typeof ran): TInstanceStatus => ({ appInstanceId: instanceId, state: 'RUNNING', restarts: 0, ready: true, digestMismatch: false, message: null, ...(images ? { images } : {}) });
    await recordNodeReport(db, { nodeId: node.id, tenantId: op.tenant.id }, { appliedRevision: desired.revision, outcome: 'applied', message: null, instances: [running(ran)] });
    expect((await getInstance(db, op.tenant.id, instanceId)).images).toEqual(ran);
    // A later status without images (a heartbeat of an older agent) says nothing about them: they stay.
    await recordHeartbeat(db, { nodeId: node.id, tenantId: op.tenant.id }, { agentVersion: 't', appliedRevision: desired.revision, metrics: METRICS, instances: [running()], services: [] });
    const listed = (await listInstances(db, op.tenant.id, { limit: 10, nodeId: node.id })).items;
    expect(listed.map((i) => i.images)).toEqual([ran]);
    expect((await getDeployment(db, op.tenant.id, id)).targets[0]!.status).not.toBe('failed');
    // That heartbeat had no runtimes either: the node keeps what its agent said last.
    expect((await getNode(db, op.tenant.id, node.id, OPTIONS)).runtimes).toEqual(['process', 'podman']);
  });

  it('checks its YAML ports against what already runs on the node, as for process apps', async () => {
    const op = await freshOperator(db);
    const node = await podmanNode(op);
    const first = await versionRunning(container(18094));
    await advanceDeployment(db, await install(op, first.version.id, [node.id], first.readWorkload));
    const second = await versionRunning(container(18094));
    const error = await refusal(install(op, second.version.id, [node.id], second.readWorkload));
    expect(error.message).toContain(`port 18094 on node ${node.name} is held by instance`);
  });

  it('a process app deploys to a node whose runtime setting is none, and carries no container part', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    await enrolNode(db, op, node.id);
    const { version, readWorkload } = await versionRunning({ runtime: 'process', ports: [18095] });
    await advanceDeployment(db, await install(op, version.id, [node.id], readWorkload));
    const desired = await buildDesiredState(db, node.id, 10);
    expect(desired.appInstances).toHaveLength(1);
    expect(desired.appInstances[0]!.container).toBeUndefined();
    expect(desired.runtime).toEqual({ container: 'none', registries: [] });
  });
});

describe('a version no node can run', () => {
  it('a Helm-only version is refused whatever the nodes, with HELM_NOT_SUPPORTED', async () => {
    const op = await freshOperator(db);
    const node = await podmanNode(op);
    const { version, readWorkload } = await versionRunning({ runtime: 'helm', charts: ['Artifacts/Deployment/Charts/app.tgz'] });
    const error = await refusal(install(op, version.id, [node.id], readWorkload));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`This version cannot be deployed: ${HELM_NOT_SUPPORTED}`);
    expect(error.extensions?.reason).toBe('helm-not-supported');
    const none = await versionRunning({ runtime: 'none' });
    expect((await refusal(install(op, none.version.id, [node.id], none.readWorkload))).extensions?.reason).toBe('nothing-to-run');
  });
});

describe('the node\'s runtime setting', () => {
  it('is persisted, audited with what it was, bumps the revision, and travels in export and import', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    expect(node.runtime).toEqual({ container: 'none', registries: [] });
    const runtime = { container: 'podman' as const, registries: [{ host: 'registry.example:5000', tlsVerify: true }] };
    const updated = await updateNode(db, op, node.id, { runtime }, OPTIONS);
    expect(updated.runtime).toEqual(runtime);
    expect(updated.desiredRevision).toBe(node.desiredRevision + 1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: op.tenant.id, action: 'edge.node.update', targetId: node.id } });
    expect(audit.data).toMatchObject({ runtime, previousRuntime: { container: 'none', registries: [] } });
    // The same setting again changes nothing.
    expect((await updateNode(db, op, node.id, { runtime }, OPTIONS)).desiredRevision).toBe(updated.desiredRevision);

    const exported = ZNodeFeatureCollection.parse(await exportNodes(db, op.tenant.id, {}, OPTIONS));
    expect(exported.features.find((f) => f.id === node.id)!.properties.runtime).toEqual(runtime);
    const other = await freshOperator(db);
    await importNodes(db, other, ZNodeImportRequest.parse({ format: 'geojson', content: JSON.stringify(exported) }));
    const imported = await db.edgeNode.findFirstOrThrow({ where: { tenantId: other.tenant.id, name: node.name } });
    expect(imported.runtime).toEqual(runtime);
  });

  it('enrolment stores what the agent can run (process for an agent that does not say)', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    expect(node.runtimes).toBeNull();
    await enrolNode(db, op, node.id);
    expect((await getNode(db, op.tenant.id, node.id, OPTIONS)).runtimes).toEqual(['process']);
  });
});
