/** The map's side panel: the node, its last hour of metrics, its app instances and Mp1 services. */
import { ZRegisteredService, type TNodeDetail } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { listInstances } from '../deployments/instances';
import { getNode } from './nodes';

export async function getNodeDetail(db: DbClient, tenantId: string, nodeId: string, options: { offlineAfterSec: number }): Promise<TNodeDetail> {
  const node = await getNode(db, tenantId, nodeId, options);
  const [metrics, row, instances] = await Promise.all([
    db.nodeMetric.findMany({ where: { nodeId, at: { gte: new Date(Date.now() - 3600_000) } }, orderBy: { at: 'asc' } }),
    db.edgeNode.findUniqueOrThrow({ where: { id: nodeId }, select: { services: true } }),
    listInstances(db, tenantId, { limit: 100, nodeId }),
  ]);
  const services = ZRegisteredService.array().safeParse(row.services);
  return {
    node,
    metrics: metrics.map((m) => ({
      at: m.at.toISOString(), cpuPercent: m.cpuPercent, memUsedBytes: Number(m.memUsedBytes), memTotalBytes: Number(m.memTotalBytes),
      diskUsedBytes: Number(m.diskUsedBytes), diskTotalBytes: Number(m.diskTotalBytes), load1: m.load1, load5: m.load5, load15: m.load15,
    })),
    instances: instances.items.map((i) => ({ appInstanceId: i.id, state: i.state, restarts: i.restarts, ready: i.ready, message: i.message, messageCode: i.messageCode, messageParams: i.messageParams, digestMismatch: false, appId: i.appId, appName: i.appName, version: i.version })),
    services: services.success ? services.data : [],
  };
}
