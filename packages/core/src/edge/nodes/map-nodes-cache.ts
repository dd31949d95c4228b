/**
 * The map query's answer, kept as its JSON text while nothing it shows can have changed: every
 * request first reads a small version of the tenant's nodes and instances (row counts and the
 * latest `updated_at`, a few milliseconds on indexes) plus a STATUS_STEP_SEC time step, and only
 * when that differs runs listMapNodes, encodes it in the wire form (contracts' map-node-wire),
 * checks it against the contract and serialises it again.
 * 10,000 nodes cost about 100 ms of the portal's CPU to build and 1 MB to serialise; a repeat
 * costs the version read. Derived statuses (online -> offline when heartbeats stop) are at most
 * one step late; a change the version cannot see (e.g. a group deleted under its nodes) too.
 * Concurrent misses for one key share one build. A rebuild with unchanged content (the usual
 * case when only the time step moved) keeps the previous CachedAnswer and so its ETag.
 *
 * @example
 *   const cache = new MapNodesCache();
 *   const answer = await cache.answer(db, tenantId, query, { offlineAfterSec: 30 });
 *   answer.bytes; answer.etag;
 */
import { encodeMapNodes, ZMapNodeList, type TMapNodeQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { CachedAnswer } from '../../shared/cached-answer';
import { listMapNodes } from './map-nodes';

export const STATUS_STEP_SEC = 5;
/** At most this many bytes of answers are kept (one 10,000-node answer is about 1 MB): the portal runs with a small heap. */
const MAX_CACHED_BYTES = 8 * 2 ** 20;

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
  private readonly entries = new Map<string, { version: string; answer: CachedAnswer }>();
  private readonly building = new Map<string, Promise<CachedAnswer>>();

  /** `list` is the query it caches (a stand-in in tests that count builds). */
  constructor(private readonly list: typeof listMapNodes = listMapNodes) {}

  /** The answer (JSON bytes, ETag); `fresh` skips the cache (a client's `Cache-Control: no-cache`). */
  async answer(db: DbClient, tenantId: string, query: TMapNodeQuery, options: { offlineAfterSec: number; fresh?: boolean }): Promise<CachedAnswer> {
    const build = async () => JSON.stringify(ZMapNodeList.parse(encodeMapNodes((await this.list(db, tenantId, query, options)).items)));
    if (options.fresh) return new CachedAnswer(await build());
    const key = `${tenantId}|${JSON.stringify(query)}`;
    const version = await mapNodesVersion(db, tenantId);
    const hit = this.entries.get(key);
    if (hit?.version === version) return hit.answer;
    const pendingKey = `${key}|${version}`;
    let pending = this.building.get(pendingKey);
    if (!pending) {
      pending = build()
        .then((json) => {
          const built = new CachedAnswer(json);
          const previous = this.entries.get(key)?.answer;
          const answer = previous?.equals(built) ? previous : built;
          this.remember(key, { version, answer });
          return answer;
        })
        .finally(() => this.building.delete(pendingKey));
      this.building.set(pendingKey, pending);
    }
    return pending;
  }

  private remember(key: string, entry: { version: string; answer: CachedAnswer }): void {
    this.entries.delete(key);
    if (entry.answer.bytes.byteLength > MAX_CACHED_BYTES) return;
    this.entries.set(key, entry);
    let size = [...this.entries.values()].reduce((n, e) => n + e.answer.bytes.byteLength, 0);
    // Oldest first: a Map iterates in insertion order, and a refreshed key was re-inserted above.
    for (const [oldKey, old] of this.entries) {
      if (size <= MAX_CACHED_BYTES) break;
      this.entries.delete(oldKey);
      size -= old.answer.bytes.byteLength;
    }
  }
}
