/** edge_node rows to the contracts' shapes. */
import { DEFAULT_NODE_RUNTIME, ZAgentRuntime, ZDataPlane, ZLabels, ZNodeCapacity, ZNodeRuntime, type TEdgeNode } from '@mecport/contracts';
import { nodeStatusOf } from './node-status';

export interface TEdgeNodeRow {
  id: string; name: string; latitude: number; longitude: number; address: string; province: string; city: string; district: string;
  groupId: string | null; labels: unknown; capacity: unknown; dataPlane: unknown; runtime: unknown; runtimes: unknown; callbackAllowCidrs: string[]; hostname: string | null; agentVersion: string | null;
  enrolledAt: Date | null; revokedAt: Date | null; lastHeartbeatAt: Date | null; desiredRevision: number; appliedRevision: number; createdAt: Date;
  group?: { name: string } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEdgeNode(row: TEdgeNodeRow, offlineAfterSec: number): TEdgeNode {
  const labels = ZLabels.safeParse(row.labels);
  const capacity = ZNodeCapacity.safeParse(row.capacity);
  const dataPlane = ZDataPlane.safeParse(row.dataPlane);
  const runtime = ZNodeRuntime.safeParse(row.runtime);
  const runtimes = ZAgentRuntime.array().safeParse(row.runtimes);
  return {
    id: row.id, name: row.name, latitude: row.latitude, longitude: row.longitude, address: row.address, province: row.province, city: row.city,
    district: row.district, groupId: row.groupId, groupName: row.group?.name ?? null, labels: labels.success ? labels.data : {},
    capacity: capacity.success ? capacity.data : null, dataPlane: dataPlane.success ? dataPlane.data : { adapter: 'memory', settings: {} },
    callbackAllowCidrs: row.callbackAllowCidrs,
    runtime: runtime.success ? runtime.data : { ...DEFAULT_NODE_RUNTIME }, runtimes: runtimes.success ? runtimes.data : null,
    status: nodeStatusOf(row, offlineAfterSec), agentVersion: row.agentVersion, hostname: row.hostname, desiredRevision: row.desiredRevision,
    appliedRevision: row.appliedRevision, lastHeartbeatAt: iso(row.lastHeartbeatAt), enrolledAt: iso(row.enrolledAt), createdAt: row.createdAt.toISOString(),
  };
}
