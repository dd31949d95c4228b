/**
 * The map query's answer, kept as its JSON text while nothing it shows can have changed: every
 * request first reads a small version of the tenant's nodes and instances (row counts and the
 * latest `updated_at`, a few milliseconds on indexes) plus a STATUS_STEP_SEC time step, and only
 * when that differs runs listMapNodes, checks it against the contract and serialises it again.
 * 10,000 nodes cost about 100 ms of the portal's CPU to build and 3 MB to serialise; a repeat
 * costs the version read. Derived statuses (online -> offline when heartbeats stop) are at most
 * one step late; a change the version cannot see (e.g. a group deleted under its nodes) too.
 * Concurrent misses for one key share one build.
 *
 * @example
 *   const cache = new MapNodesCache();
 *   const json = await cache.json(db, tenantId, query, { offlineAfterSec: 30 });   // a string
 */
import { ZMapNodeList, type TMapNodeQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { listMapNodes } from './map-nodes';

export const STATUS_STEP_SEC = 5;
/** At most this many characters of answers are kept (one 10,000-node answer is about 3 M): the portal runs with a small heap. */
const MAX_CACHED_CHARS = 12 * 2 ** 20;

interface TVersionRow { nodes: bigint; nodes_at: Date | null; instances: bigint; instances_at: Date | null }

/** Changes whenever a node or an app instance of the tenant is added, changed or removed, and every `stepSec`. */
export async function mapNodesVersion(db: DbClient, tenantId: string, stepSec = STATUS_STEP_SEC, now = Date.now()): Promise<string> {
  const [row] = await db.$queryRaw<TVersionRow[]>`
    SELECT (SELECT count(*) FROM edge_node WHERE tenant_id = ${tenantId}::uuid) AS nodes,
           (SELECT max(updated_at) FROM edge_node WHERE tenant_id = ${tenantId}::uuid) AS nodes_at,
           (SELECT count(*) FROM app_instance WHERE tenant_id = ${tenantId}::uuid) AS instances,
           (SELECT max(updated_at) FROM app_instance WHERE tenant_id = ${tenantId}::uuid) AS instances_at`;
  return [row?.nodes, row?.nodes_at?.getTime(), row?.instances, row?.instances_at?.getTime(), Math.floor(now / (stepSec * 1000))].join(':');
}

export class MapNodesCache {
  private readonly entries = new Map<string, { version: string; json: string }>();
  private readonly building = new Map<string, Promise<string>>();

  /** `list` is the query it caches (a stand-in in tests that count builds). */
  constructor(private readonly list: typeof listMapNodes = listMapNodes) {}

  /** The answer as JSON text; `fresh` skips the cache (a client's `Cache-Control: no-cache`). */
  async json(db: DbClient, tenantId: string, query: TMapNodeQuery, options: { offlineAfterSec: number; fresh?: boolean }): Promise<string> {
    const build = async () => JSON.stringify(ZMapNodeList.parse(await this.list(db, tenantId, query, options)));
    if (options.fresh) return build();
    const key = `${tenantId}|${JSON.stringify(query)}`;
    const version = await mapNodesVersion(db, tenantId);
    const hit = this.entries.get(key);
    if (hit?.version === version) return hit.json;
    const pendingKey = `${key}|${version}`;
    let pending = this.building.get(pendingKey);
    if (!pending) {
      pending = build().then((json) => { this.remember(key, { version, json }); return json; }).finally(() => this.building.delete(pendingKey));
      this.building.set(pendingKey, pending);
    }
    return pending;
  }

  private remember(key: string, entry: { version: string; json: string }): void {
    this.entries.delete(key);
    if (entry.json.length > MAX_CACHED_CHARS) return;
    this.entries.set(key, entry);
    let size = [...this.entries.values()].reduce((n, e) => n + e.json.length, 0);
    // Oldest first: a Map iterates in insertion order, and a refreshed key was re-inserted above.
    for (const [oldKey, old] of this.entries) {
      if (size <= MAX_CACHED_CHARS) break;
      this.entries.delete(oldKey);
      size -= old.json.length;
    }
  }
}
