/**
 * A node's desired-state document, built from its live app instances at the current revision: each
 * instance's current rules (its AppD's until edited, `../rules`) and, for a container app, its images; the node's data plane,
 * rule-set version and runtime setting.
 */
import { AppError, DEFAULT_NODE_RUNTIME, ZAppWorkload, ZDataPlane, ZNodeRuntime, type TDesiredAppInstance, type TDesiredState } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { currentRules } from '../rules/instance-rules';

export function packagePath(nodeId: string, sha256: string): string {
  return `/api/v1/edge/nodes/${nodeId}/packages/${sha256}`;
}

/**
 * The desired-state documents of `nodeIds` (absent: unknown nodes), in two queries for all of them.
 * The revisions first, then the instances, without a transaction (1,000 agents wake at once): a
 * change committed in between shows up early under the older revision, and the agent's next poll
 * (after that revision) returns at once with the same instances. Never the reverse.
 */
export async function buildDesiredStates(db: DbClient, nodeIds: string[], heartbeatIntervalSec: number): Promise<Map<string, TDesiredState>> {
  const nodes = await db.edgeNode.findMany({ where: { id: { in: nodeIds } }, select: { id: true, desiredRevision: true, callbackAllowCidrs: true, dataPlane: true, ruleSetVersion: true, runtime: true } });
  const instances = await db.appInstance.findMany({
    where: { nodeId: { in: nodes.map((n) => n.id) }, terminatedAt: null, removedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { app: { select: { name: true } }, appVersion: { select: { id: true, version: true, appdId: true, appd: true, packageDigest: true, packageSize: true, workload: true } } },
  });
  const docs = new Map<string, TDesiredState>(nodes.map((n) => [n.id, { nodeId: n.id, revision: n.desiredRevision, heartbeatIntervalSec, appInstances: [], callbackAllowCidrs: n.callbackAllowCidrs, dataPlane: dataPlaneOf(n.dataPlane), ruleSetVersion: n.ruleSetVersion, runtime: runtimeOf(n.runtime) }]));
  for (const i of instances) {
    docs.get(i.nodeId)!.appInstances.push({
      appInstanceId: i.id, appDId: i.appVersion.appdId, appName: i.app.name, appVersionId: i.appVersion.id, version: i.appVersion.version,
      package: { sha256: i.appVersion.packageDigest, size: Number(i.appVersion.packageSize), path: packagePath(i.nodeId, i.appVersion.packageDigest) },
      desiredState: i.desiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING', env: {},
      ...currentRules(i), gracefulTerminationSec: 10, ...containerOf(i.appVersion.workload),
    });
  }
  return docs;
}

/** A container app's images (as its version's workload resolved them); nothing for a process app or a workload not read. */
function containerOf(stored: unknown): Pick<TDesiredAppInstance, 'container'> {
  const workload = ZAppWorkload.safeParse(stored);
  return workload.success && workload.data.runtime === 'container' && workload.data.images.length > 0 ? { container: { images: workload.data.images.slice(0, 16) } } : {};
}

/** A stored runtime setting that no longer validates falls back to process apps only. */
function runtimeOf(stored: unknown): TDesiredState['runtime'] {
  const parsed = ZNodeRuntime.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULT_NODE_RUNTIME };
}

/** A stored setting that no longer validates falls back to no data plane rather than failing the node's channel. */
function dataPlaneOf(stored: unknown): TDesiredState['dataPlane'] {
  const parsed = ZDataPlane.safeParse(stored);
  return parsed.success ? parsed.data : { adapter: 'memory', settings: {} };
}

export async function buildDesiredState(db: DbClient, nodeId: string, heartbeatIntervalSec: number): Promise<TDesiredState> {
  const doc = (await buildDesiredStates(db, [nodeId], heartbeatIntervalSec)).get(nodeId);
  if (!doc) throw new AppError('not-found', `No node ${nodeId}`);
  return doc;
}
