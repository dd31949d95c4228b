/**
 * An operator rolls a published app version out to nodes, in batches (audited). A target node
 * where another instance holds one of the version's declared ports is refused before anything
 * starts (409 naming the port, the node and the instance; `portConflicts` lists them all); so is
 * a version no node can run (a Helm chart: HELM_NOT_SUPPORTED), and a container app on a node
 * that cannot run containers (409 naming the node and why; `runtimeRefusals` lists them all).
 */
import { AppError, type TDeploymentCreate } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../../audit';
import { lockNodeRows } from '../channel/revision';
import type { TActor } from '../../identity';
import { declaredPortsOf, describeConflict, findPortConflicts, type TPortConflict, type TPortsReader } from './declared-ports';
import { portsOfWorkload, workloadsOf, type TWorkloadReader } from './app-workload';
import { refuseRuntimeMismatch, refuseUndeployable, runtimeRefusals } from './node-runtime-check';
import { resolveTargetNodes } from './resolve-targets';

/** Writing 1,000 targets while 1,000 agents heartbeat can take longer than Prisma's 5 s default. */
const CREATE_TX = { maxWait: 10_000, timeout: 30_000 };

export interface TCreateDeploymentOptions {
  /** Reads a package's declared ports (the portal's blob store); without it only ports already known are checked. */
  readPorts?: TPortsReader;
  /** Reads what a package runs as (the portal's blob store); without it only workloads already known are checked. Its ports serve as `readPorts` when that is absent. */
  readWorkload?: TWorkloadReader;
}

/** Ports read through the workload reader (no AppD: ports need no image pins). */
function portsThrough(readWorkload: TWorkloadReader): TPortsReader {
  return async (digest) => {
    const workload = await readWorkload(digest, undefined);
    return workload ? portsOfWorkload(workload) : null;
  };
}

/** Refuses (409) a deployment whose app would find one of its declared ports taken on a target node. */
function refuseConflicts(conflicts: TPortConflict[]): void {
  if (conflicts.length === 0) return;
  const first = conflicts[0]!;
  const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
  throw new AppError('conflict', `The app's ${describeConflict(first)}${more}; terminate that instance or pick other nodes`, {
    extensions: { portConflicts: conflicts.slice(0, 100) },
  });
}

export async function createDeployment(db: DbClient, actor: TActor, input: TDeploymentCreate, requestId?: string, options: TCreateDeploymentOptions = {}): Promise<string> {
  // Read the package outside the transaction (no row locks while a file is read), and keep what
  // was read even when the deployment is refused.
  const readPorts = options.readPorts ?? (options.readWorkload ? portsThrough(options.readWorkload) : undefined);
  if (options.readWorkload) await workloadsOf(db, [input.appVersionId], options.readWorkload);
  if (readPorts) await declaredPortsOf(db, [input.appVersionId], readPorts);
  return db.$transaction(async (tx) => {
    const version = await tx.appVersion.findUnique({ where: { id: input.appVersionId }, select: { id: true, appId: true, status: true, version: true } });
    if (!version || version.status !== 'published') {
      throw new AppError('validation', 'body.appVersionId: only published app versions can be deployed', { errors: [{ in: 'body', field: 'appVersionId', message: 'not a published version' }] });
    }
    const workload = (await workloadsOf(tx, [version.id])).get(version.id);
    refuseUndeployable(workload);
    const nodes = await resolveTargetNodes(tx, actor.tenant.id, input.target);
    refuseRuntimeMismatch(await runtimeRefusals(tx, workload, nodes.map((n) => n.id)));
    refuseConflicts(await findPortConflicts(tx, { versionId: version.id, appId: version.appId, kind: input.kind }, nodes, readPorts));
    const deployment = await tx.deployment.create({
      data: {
        tenantId: actor.tenant.id, appId: version.appId, appVersionId: version.id, kind: input.kind, target: input.target,
        batchSize: input.batchSize, stopOnFailure: input.stopOnFailure, status: 'running', createdBy: actor.subject,
      },
    });
    // The targets' foreign keys lock their nodes' rows, in the order the rows are inserted (the
    // nodes' names); heartbeats and reports lock them in id order: at 10,000 nodes the two orders
    // deadlocked. Taking the rows in id order first, as every edge writer does, keeps one order.
    await lockNodeRows(tx, nodes.map((n) => n.id));
    await tx.deploymentTarget.createMany({ data: nodes.map((n, i) => ({ deploymentId: deployment.id, nodeId: n.id, batch: Math.floor(i / input.batchSize) })) });
    await recordAudit(tx, actor, {
      action: 'edge.deployment.create', target: { type: 'deployment', id: deployment.id },
      data: { appVersionId: version.id, version: version.version, kind: input.kind, nodes: nodes.length, batchSize: input.batchSize }, requestId,
    });
    return deployment.id;
  }, CREATE_TX);
}
