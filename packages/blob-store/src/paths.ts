/** Where the data directory is: `MECPORT_DATA_DIR`, relative to the monorepo root unless absolute. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { blobStoreEnv } from './env';

/** The nearest ancestor of `from` whose package.json declares "workspaces" (the monorepo root). */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json with "workspaces" above ${from}: cannot locate the MECport repo root`);
    dir = parent;
  }
}

export interface TStoragePaths {
  /** The data directory itself. */
  dataDir: string;
  /** Content-addressed package files: `<blobsDir>/sha256/<2 hex>/<digest>`. */
  blobsDir: string;
  /** Resumable uploads being received (tus file store), before validation. */
  uploadsDir: string;
}

/** The storage directories for `dataDir`, or for `MECPORT_DATA_DIR` from the environment. */
export function storagePaths(dataDir?: string): TStoragePaths {
  const configured = dataDir ?? blobStoreEnv().MECPORT_DATA_DIR;
  const root = path.isAbsolute(configured) ? configured : path.join(findRepoRoot(), configured);
  return { dataDir: root, blobsDir: path.join(root, 'blobs'), uploadsDir: path.join(root, 'uploads') };
}
