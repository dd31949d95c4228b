/** A node's status is derived from its rows, never stored: it cannot go stale when heartbeats stop. */
import type { TNodeStatus } from '@mecport/contracts';

export interface TNodeStatusFields { enrolledAt: Date | null; revokedAt: Date | null; lastHeartbeatAt: Date | null }

export function nodeStatusOf(node: TNodeStatusFields, offlineAfterSec: number, now = new Date()): TNodeStatus {
  if (node.revokedAt) return 'revoked';
  if (!node.enrolledAt) return 'pending';
  const last = node.lastHeartbeatAt?.getTime() ?? 0;
  return now.getTime() - last <= offlineAfterSec * 1000 ? 'online' : 'offline';
}

/** The same rule in SQL (alias `n` for edge_node), for filters and the map query. */
export function nodeStatusSql(offlineAfterSec: number): string {
  const seconds = Math.max(1, Math.floor(offlineAfterSec));
  return `CASE WHEN n.revoked_at IS NOT NULL THEN 'revoked' WHEN n.enrolled_at IS NULL THEN 'pending'
    WHEN n.last_heartbeat_at >= now() - interval '${seconds} seconds' THEN 'online' ELSE 'offline' END`;
}
