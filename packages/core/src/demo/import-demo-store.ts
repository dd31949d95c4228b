/**
 * `importDemoStore`: the demo store on top of the seeded demo realm, run by `npm start` after the
 * seed. Builds and publishes the demo apps' packages and imports the EdgeGallery samples, all
 * through the upload, validation and publish code; fast when everything is there already (a few
 * reads per app and a stat per package file), and it puts back package files that went missing.
 * One run at a time per database (an advisory lock), so two starts cannot both upload.
 *
 * @example
 * const result = await importDemoStore({ db }); // blobs and staging from MECPORT_DATA_DIR
 * result.packagesUploaded; result.problems;
 */
import { createBlobStore, storagePaths, type TBlobStore } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';
import type { TDemoLog } from './demo-context';
import { emptyDemoResult, type TDemoImportResult } from './demo-result';
import { importDemoApps } from './import-demo-apps';
import { importDemoSamples } from './import-demo-samples';
import { importHelloContainer } from './import-hello-container';
import { importHelloEdge } from './import-hello-edge';
import { importZoneWatcher } from './import-zone-watcher';

export interface TDemoImportOptions {
  db: DbClient;
  /** Default: the blob store under MECPORT_DATA_DIR. */
  blobs?: TBlobStore;
  /** Default: MECPORT_DATA_DIR's uploads/. */
  uploadsDir?: string;
  /** Default: the copies in packages/app-package/test-data/edgegallery. */
  samplesDir?: string;
  log?: TDemoLog;
}

/** Arbitrary key of the advisory lock one import holds. */
const DEMO_LOCK_KEY = 61_734_202;

export async function importDemoStore(options: TDemoImportOptions): Promise<TDemoImportResult> {
  const deps = {
    db: options.db, blobs: options.blobs ?? createBlobStore(), uploadsDir: options.uploadsDir ?? storagePaths().uploadsDir, ...(options.log ? { log: options.log } : {}),
  };
  const result = emptyDemoResult();
  // The lock's transaction only holds the lock; the work runs on other connections of the pool.
  await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`;
    // The samples first: the demo apps are then the newest in the developer workspace's list.
    await importDemoSamples(deps, result, options.samplesDir);
    await importDemoApps(deps, result);
    await importHelloEdge(deps, result);
    await importZoneWatcher(deps, result);
    await importHelloContainer(deps, result);
  }, { maxWait: 60_000, timeout: 30 * 60_000 });
  return result;
}
