/**
 * The package file behind an onboarded application package, read from the content-addressed
 * blob store (passed in, so core does not depend on where blobs live).
 *
 * @example
 * const content = await findAppPackageContent(db, createBlobStore(), appPkgId);
 * const stream = await content.open(0, content.size - 1);
 */
import type { Readable } from 'node:stream';
import { AppError } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { findPublishedPackage } from './app-packages';

/** What this needs of `@mecport/blob-store`'s TBlobStore. */
export interface TPackageBlobReader {
  stat(digest: string): Promise<{ size: number } | null>;
  openRange(digest: string, start?: number, end?: number): Promise<Readable>;
}

export interface TAppPackageContent {
  size: number;
  /** Strong ETag: the package's sha256. */
  etag: string;
  filename: string;
  open: (start: number, end: number) => Promise<Readable>;
}

export async function findAppPackageContent(db: DbExecutor, blobs: TPackageBlobReader, appPkgId: string): Promise<TAppPackageContent> {
  const row = await findPublishedPackage(db, appPkgId);
  const digest = row.packageDigest;
  const stat = await blobs.stat(digest);
  if (!stat) {
    throw new AppError('not-found', `The package file of application package ${appPkgId} (sha256 ${digest}) is not in the blob store: it was never uploaded (the demo data has no package files) or it was removed`);
  }
  return {
    size: stat.size,
    etag: `"${digest}"`,
    filename: `${row.appdId}-${row.version}.zip`.replace(/[^\w.-]/g, '_'),
    open: (start, end) => blobs.openRange(digest, start, end),
  };
}
