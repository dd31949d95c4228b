/**
 * What each app version's package runs as (`TAppWorkload`: process, container with its images,
 * helm, none), read from its package file once and kept on the version (`app_version.workload`),
 * like its declared ports: the upload job writes it when it registers the version, and the first
 * deployment reads it for versions registered before. Its ports are the version's declared ports.
 *
 * @example
 *   const workload = (await workloadsOf(db, [versionId], blobWorkloadReader(blobs))).get(versionId);
 *   workload?.runtime; // 'container'
 */
import { readWorkload } from '@mecport/app-package/workload';
import type { TBlobStore } from '@mecport/blob-store';
import { ZAppWorkload, type TAppWorkload } from '@mecport/contracts';
import type { DbExecutor, Prisma } from '@mecport/db';

/** Reads a package file's workload (the AppD pins image digests); null when the file is absent. */
export type TWorkloadReader = (packageDigest: string, appd: unknown) => Promise<TAppWorkload | null>;

export function blobWorkloadReader(blobs: Pick<TBlobStore, 'stat'>): TWorkloadReader {
  return async (digest, appd) => {
    const stored = await blobs.stat(digest);
    if (!stored) return null;
    return readWorkload(stored.path, appd).catch((): TAppWorkload => ({ runtime: 'none' }));
  };
}

/** The ports a workload declares (a Helm chart or nothing declares none). */
export function portsOfWorkload(workload: TAppWorkload): number[] {
  return workload.runtime === 'process' || workload.runtime === 'container' ? workload.ports : [];
}

/** A stored workload that no longer validates counts as not read. */
export function storedWorkload(value: Prisma.JsonValue | null): TAppWorkload | null {
  const parsed = ZAppWorkload.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Workloads by version id (null: not read and no reader); versions not read yet are read with `reader` and remembered, with their ports. */
export async function workloadsOf(db: DbExecutor, versionIds: string[], reader?: TWorkloadReader): Promise<Map<string, TAppWorkload | null>> {
  const rows = await db.appVersion.findMany({ where: { id: { in: [...new Set(versionIds)] } }, select: { id: true, packageDigest: true, appd: true, workload: true, declaredPorts: true } });
  const out = new Map<string, TAppWorkload | null>();
  for (const row of rows) {
    let workload = storedWorkload(row.workload);
    if (workload === null && reader) {
      workload = await reader(row.packageDigest, row.appd);
      if (workload !== null) {
        const ports = row.declaredPorts === null ? { declaredPorts: portsOfWorkload(workload) } : {};
        await db.appVersion.update({ where: { id: row.id }, data: { workload, ...ports } });
      }
    }
    out.set(row.id, workload);
  }
  return out;
}
