/**
 * `@mecport/blob-store`: content-addressed package files (sha256) under
 * `${MECPORT_DATA_DIR:-.data}/blobs/sha256/<2 hex>/<digest>`, and the upload staging directory
 * `${MECPORT_DATA_DIR}/uploads/`. Used by the portal (tus uploads, downloads) and the worker
 * (validation job).
 *
 * @example
 * import { createBlobStore, storagePaths } from '@mecport/blob-store';
 * const { digest } = await createBlobStore().putFromFile(`${storagePaths().uploadsDir}/<id>`);
 */
export { createBlobStore, type TBlobStat, type TBlobStore, type TBlobStoreOptions, type TPutOptions, type TPutResult } from './blob-store';
export { blobStoreEnv, type TBlobStoreEnv } from './env';
export { findRepoRoot, storagePaths, type TStoragePaths } from './paths';
