/**
 * Services the agents of one tenant's online nodes report registered now: each heartbeat carries
 * the node's Mp1 registry (`services`, ZRegisteredService), stored on `edge_node.services`. A node
 * counts while it is enrolled, not revoked and heard from within `offlineAfterSec` (the node status
 * rule of edge/nodes).
 */
import type { TCapabilityLiveProvider } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';

export interface TLiveOptions { offlineAfterSec: number }

type TLiveRow = Omit<TCapabilityLiveProvider, 'lastHeartbeatAt' | 'state'> & { state: string; lastHeartbeatAt: Date };

function liveRows(db: DbClient, tenantId: string, options: TLiveOptions, serNames: string[] | null): Promise<TLiveRow[]> {
  const seconds = Math.max(1, Math.floor(options.offlineAfterSec));
  const keys = serNames?.map((s) => s.toLowerCase()) ?? null;
  return db.$queryRaw<TLiveRow[]>`
    SELECT n.id::text AS "nodeId", n.name AS "nodeName", n.last_heartbeat_at AS "lastHeartbeatAt",
      s.elem->>'serName' AS "serName", coalesce(s.elem->>'serInstanceId', '') AS "serInstanceId",
      coalesce(s.elem->>'version', '') AS "version", coalesce(s.elem->>'state', 'ACTIVE') AS "state",
      coalesce(s.elem->>'appInstanceId', '') AS "appInstanceId", a.name AS "appName"
    FROM edge_node n
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(n.services) = 'array' THEN n.services ELSE '[]'::jsonb END) AS s(elem)
    LEFT JOIN app_instance i ON i.id::text = s.elem->>'appInstanceId' AND i.tenant_id = n.tenant_id
    LEFT JOIN app a ON a.id = i.app_id
    WHERE n.tenant_id = ${tenantId}::uuid AND n.enrolled_at IS NOT NULL AND n.revoked_at IS NULL
      AND n.last_heartbeat_at >= now() - make_interval(secs => ${seconds})
      AND coalesce(s.elem->>'serName', '') <> ''
      AND (${keys}::text[] IS NULL OR lower(s.elem->>'serName') = ANY(${keys}::text[]))
    ORDER BY n.name, n.id, s.elem->>'serInstanceId'`;
}

/** The nodes offering one of `serNames` now (case-insensitive), by node name. */
export async function liveProvidersOf(db: DbClient, tenantId: string, serNames: string[], options: TLiveOptions): Promise<TCapabilityLiveProvider[]> {
  const rows = await liveRows(db, tenantId, options, serNames);
  return rows.map((r) => ({ ...r, state: r.state === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', lastHeartbeatAt: r.lastHeartbeatAt.toISOString() }));
}

/** Every serName the tenant's online nodes report, with the nodes reporting it. */
export async function liveServiceNodes(db: DbClient, tenantId: string, options: TLiveOptions): Promise<Map<string, { nodes: Set<string>; versions: Set<string> }>> {
  const bySerName = new Map<string, { nodes: Set<string>; versions: Set<string> }>();
  for (const row of await liveRows(db, tenantId, options, null)) {
    const entry = bySerName.get(row.serName) ?? { nodes: new Set(), versions: new Set() };
    entry.nodes.add(row.nodeId);
    if (row.version) entry.versions.add(row.version);
    bySerName.set(row.serName, entry);
  }
  return bySerName;
}
