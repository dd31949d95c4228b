/**
 * `@mecport/core/package-validation`: the `package.validate` job, run by the worker. A subpath of
 * its own (the root `@mecport/core` does not export it), so the portal never bundles the codec.
 *
 * @example
 * import { validateUpload } from '@mecport/core/package-validation';
 * await validateUpload({ db, blobs, uploadsDir, log }, uploadId);
 */
export * from './validate-upload';
