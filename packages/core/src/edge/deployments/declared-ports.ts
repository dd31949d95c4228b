/**
 * The ports each app version's process bundle declares, read from its package file once (at its
 * first deployment) and kept on the version; and the ports a node's live instances hold, so that
 * a deployment whose app would find its port taken (`EADDRINUSE`) is refused before it starts.
 *
 * @example
 *   const conflicts = await findPortConflicts(tx, { versionId, appId, kind: 'install' }, nodes);
 *   // [{ nodeId, nodeName, port: 8090, appInstanceId, appId, appName, version }]
 */
import { readProcessBundle } from '@mecport/app-package/process-bundle';
import type { TBlobStore } from '@mecport/blob-store';
import type { DbExecutor, Prisma } from '@mecport/db';
import { portsOfWorkload, storedWorkload } from './app-workload';

/** Reads a package file's declared ports; given to createDeployment by the callers that hold the blob store. */
export type TPortsReader = (packageDigest: string) => Promise<number[] | null>;

/** The reader over a blob store: null when the file is absent (ports unknown, nothing is checked). */
export function blobPortsReader(blobs: Pick<TBlobStore, 'stat'>): TPortsReader {
  return async (digest) => {
    const stored = await blobs.stat(digest);
    if (!stored) return null;
    const bundle = await readProcessBundle(stored.path).catch(() => null);
    return bundle ? bundle.ports.map((p) => p.port) : [];
  };
}

const asPorts = (value: Prisma.JsonValue | null): number[] | null => (Array.isArray(value) ? value.filter((p): p is number => typeof p === 'number') : null);

/**
 * Declared ports by version id; versions not read yet take their workload's ports (a container
 * app's YAML ports, see app-workload.ts), else are read with `reader` (when given) and remembered.
 */
export async function declaredPortsOf(db: DbExecutor, versionIds: string[], reader?: TPortsReader): Promise<Map<string, number[]>> {
  const rows = await db.appVersion.findMany({ where: { id: { in: [...new Set(versionIds)] } }, select: { id: true, packageDigest: true, declaredPorts: true, workload: true } });
  const out = new Map<string, number[]>();
  for (const row of rows) {
    const workload = storedWorkload(row.workload);
    let ports = asPorts(row.declaredPorts) ?? (workload ? portsOfWorkload(workload) : null);
    if (ports === null && reader) {
      ports = await reader(row.packageDigest);
      if (ports !== null) await db.appVersion.update({ where: { id: row.id }, data: { declaredPorts: ports } });
    }
    out.set(row.id, ports ?? []);
  }
  return out;
}

export interface TPortConflict { nodeId: string; nodeName: string; port: number; appInstanceId: string; appId: string; appName: string; version: string }

/**
 * Where the version's declared ports are held on these nodes by a live instance (not terminated,
 * not removed). An upgrade moves the app's own instance, so that one does not count.
 */
export async function findPortConflicts(
  db: DbExecutor, wanted: { versionId: string; appId: string; kind: string }, nodes: { id: string; name: string }[], reader?: TPortsReader,
): Promise<TPortConflict[]> {
  if (nodes.length === 0) return [];
  const mine = new Set((await declaredPortsOf(db, [wanted.versionId], reader)).get(wanted.versionId) ?? []);
  if (mine.size === 0) return [];
  const holders = await db.appInstance.findMany({
    where: { nodeId: { in: nodes.map((n) => n.id) }, terminatedAt: null, removedAt: null, ...(wanted.kind === 'upgrade' ? { appId: { not: wanted.appId } } : {}) },
    select: { id: true, nodeId: true, appId: true, appVersionId: true, app: { select: { name: true } }, appVersion: { select: { version: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const ports = await declaredPortsOf(db, holders.map((h) => h.appVersionId), reader);
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const conflicts: TPortConflict[] = [];
  for (const h of holders) {
    for (const port of ports.get(h.appVersionId) ?? []) {
      if (!mine.has(port)) continue;
      conflicts.push({ nodeId: h.nodeId, nodeName: names.get(h.nodeId) ?? h.nodeId, port, appInstanceId: h.id, appId: h.appId, appName: h.app.name, version: h.appVersion.version });
    }
  }
  return conflicts;
}

/** One conflict in words, for problem details and target messages. */
export function describeConflict(c: TPortConflict): string {
  return `port ${c.port} on node ${c.nodeName} is held by instance ${c.appInstanceId} of ${c.appName} ${c.version}`;
}
