/**
 * `@mecport/blob-store`: content-addressed package files (sha256) under
 * `${MECPORT_DATA_DIR:-.data}/blobs/sha256/<2 hex>/<digest>`, and the upload staging directory
 * `${MECPORT_DATA_DIR}/uploads/` with its file naming (./staging.ts) and its tus writer (the
 * subpath `@mecport/blob-store/staging-file-store`). Used by the portal (tus uploads, downloads),
 * core (validation job, upload expiry, the demo) and the worker.
 *
 * @example
 * import { createBlobStore, storagePaths } from '@mecport/blob-store';
 * const { digest } = await createBlobStore().putFromFile(`${storagePaths().uploadsDir}/<id>`);
 */
export { createBlobStore, type TBlobStat, type TBlobStore, type TBlobStoreOptions, type TPutOptions, type TPutResult } from './blob-store';
export { blobStoreEnv, type TBlobStoreEnv } from './env';
export { findRepoRoot, storagePaths, type TStoragePaths } from './paths';
export { newUploadId, removeStagedFiles, stagedFiles, stagedUploadId } from './staging';
