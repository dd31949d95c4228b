/**
 * The demo node `npm start` runs a real MEP agent for: Acme Mobile's "local-demo-node", enrolled
 * by the start script with a fresh one-time token whenever the agent's local enrolment does not
 * match the node, and running Hello Edge through an ordinary deployment. Its runtime setting is
 * Podman, so the container sample can be deployed to it from the map; whether Podman is really
 * there is the agent's to report (the node page shows it).
 */
import type { DbClient } from '@mecport/db';
import { createEnrolmentTicket, createDeployment, advanceDeployment } from '../edge';
import { demoActor } from './demo-context';
import { DEMO_USERS, ZNodeRuntime, type TNodeRuntime } from '@mecport/contracts';
import type { TActor } from '../identity';

export const DEMO_NODE = {
  name: 'local-demo-node', latitude: 30.2741, longitude: 120.1551, address: '西湖区 文三路 (this machine)', province: '浙江省', city: '杭州', district: '西湖区',
  labels: { demo: 'local', runtime: 'process' },
} as const;

/** The demo node runs container apps with Podman (pulling from no registry: the sample's image is in its package). */
export const DEMO_NODE_RUNTIME: TNodeRuntime = { container: 'podman', registries: [] };

async function demoOperator(db: DbClient): Promise<TActor> {
  const user = DEMO_USERS.find((u) => u.tenant === 'acme-mobile' && u.roles.includes('operator'));
  if (!user) throw new Error('the demo realm has no Acme Mobile operator');
  return demoActor(db, user);
}

/** The node's id and credential id (null until an agent enrolled). */
export async function ensureDemoNode(db: DbClient): Promise<{ nodeId: string; credentialId: string | null }> {
  const operator = await demoOperator(db);
  const existing = await db.edgeNode.findUnique({ where: { tenantId_name: { tenantId: operator.tenant.id, name: DEMO_NODE.name } }, select: { id: true, credentialId: true, runtime: true, runtimes: true } });
  if (existing) {
    // A node made before container apps (its agent never reported runtimes) gets the demo's setting once.
    if (existing.runtimes === null && ZNodeRuntime.safeParse(existing.runtime).data?.container === 'none') {
      await db.edgeNode.update({ where: { id: existing.id }, data: { runtime: DEMO_NODE_RUNTIME } });
    }
    return { nodeId: existing.id, credentialId: existing.credentialId };
  }
  const node = await db.edgeNode.create({ data: { tenantId: operator.tenant.id, ...DEMO_NODE, runtime: DEMO_NODE_RUNTIME, capacity: { architecture: process.arch === 'arm64' ? 'aarch64' : 'x86_64', cpuCores: 2, memoryMb: 4096, gpus: 0, npus: 0 } } });
  return { nodeId: node.id, credentialId: null };
}

/** A one-time token for the local agent (audited as the demo operator's action). */
export async function demoEnrolmentToken(db: DbClient, nodeId: string, portalUrl: string): Promise<string> {
  const ticket = await createEnrolmentTicket(db, await demoOperator(db), nodeId, { portalUrl, ttlSec: 600 });
  return ticket.token;
}

/** Deploys Hello Edge to the node unless an instance of it is already there (or on its way). */
export async function ensureDemoDeployment(db: DbClient, nodeId: string, versionId: string): Promise<boolean> {
  const version = await db.appVersion.findUniqueOrThrow({ where: { id: versionId }, select: { appId: true } });
  const live = await db.appInstance.count({ where: { nodeId, appId: version.appId, terminatedAt: null, removedAt: null } });
  if (live > 0) return false;
  const id = await createDeployment(db, await demoOperator(db), { appVersionId: versionId, kind: 'install', target: { kind: 'nodes', nodeIds: [nodeId] }, batchSize: 1, stopOnFailure: true });
  await advanceDeployment(db, id);
  return true;
}
