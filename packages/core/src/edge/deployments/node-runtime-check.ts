/**
 * Whether a version's package can run on the target nodes, checked before a deployment starts
 * (and again when each batch starts): a Helm-only package or one with nothing to run is refused
 * outright; a container app needs a node whose runtime setting is Podman and whose agent reported
 * `podman`. Every refusal names the node and says why.
 *
 * @example
 *   refuseUndeployable(workload);  // throws 409 HELM_NOT_SUPPORTED for a Helm chart
 *   runtimeRefusals(workload, nodes); // [{ nodeId, nodeName, message: 'node muc-1 cannot run container apps: its runtime setting is none' }]
 */
import { AppError, HELM_NOT_SUPPORTED, ZAgentRuntime, ZNodeRuntime, type TAppWorkload } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';

export interface TRuntimeRefusal { nodeId: string; nodeName: string; message: string }

/** Throws (409) for a package no node can run. */
export function refuseUndeployable(workload: TAppWorkload | null | undefined): void {
  if (workload?.runtime === 'helm') throw new AppError('conflict', `This version cannot be deployed: ${HELM_NOT_SUPPORTED}`, { extensions: { reason: 'helm-not-supported', charts: workload.charts } });
  if (workload?.runtime === 'none') {
    throw new AppError('conflict', 'This version cannot be deployed: its package has nothing a node can run (no process bundle under Artifacts/Deployment/Process/, no Kubernetes YAML under Artifacts/Deployment/Kubernetes/)', { extensions: { reason: 'nothing-to-run' } });
  }
}

/** Why a node cannot run a container app, or undefined when it can. */
function whyNot(node: { name: string; runtime: unknown; runtimes: unknown }): string | undefined {
  const setting = ZNodeRuntime.safeParse(node.runtime);
  if (!setting.success || setting.data.container !== 'podman') return `node ${node.name} cannot run container apps: its runtime setting is none (set its container runtime to Podman)`;
  const reported = ZAgentRuntime.array().safeParse(node.runtimes);
  if (!reported.success) return `node ${node.name} cannot run container apps: its agent has not reported which runtimes it has (not enrolled yet, or older than container support)`;
  if (!reported.data.includes('podman')) return `node ${node.name} cannot run container apps: its agent reports no container runtime (podman is not installed there)`;
  return undefined;
}

/** The target nodes that cannot run this workload (none for process apps and unknown workloads). */
export async function runtimeRefusals(db: DbExecutor, workload: TAppWorkload | null | undefined, nodeIds: string[]): Promise<TRuntimeRefusal[]> {
  if (workload?.runtime !== 'container' || nodeIds.length === 0) return [];
  const nodes = await db.edgeNode.findMany({ where: { id: { in: nodeIds } }, select: { id: true, name: true, runtime: true, runtimes: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return nodes.flatMap((node) => {
    const message = whyNot(node);
    return message ? [{ nodeId: node.id, nodeName: node.name, message }] : [];
  });
}

/** Throws (409) naming the first node that cannot run the app; `runtimeRefusals` lists them all. */
export function refuseRuntimeMismatch(refusals: TRuntimeRefusal[]): void {
  if (refusals.length === 0) return;
  const more = refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : '';
  throw new AppError('conflict', `The app is a container app, and ${refusals[0]!.message}${more}; pick other nodes or change the node's runtime setting`, {
    extensions: { runtimeRefusals: refusals.slice(0, 100) },
  });
}
