/**
 * The blob store's configuration, validated once with zod. Nothing else in `@mecport/blob-store`
 * reads process.env. Relative directories are resolved against the repo root, so the portal
 * (cwd apps/portal) and the worker (cwd apps/worker) agree on where files are.
 */
import { presentEnv } from '@mecport/contracts';
import { z } from 'zod';

const ZBlobStoreEnv = z.object({
  /** MECport's local state directory: blobs in `blobs/sha256/`, staged uploads in `uploads/`. */
  MECPORT_DATA_DIR: z.string().min(1).default('.data'),
});
export type TBlobStoreEnv = z.infer<typeof ZBlobStoreEnv>;

/** Reads and validates the environment (every call re-reads it, so tests may change it). */
export function blobStoreEnv(source: NodeJS.ProcessEnv = process.env): TBlobStoreEnv {
  const parsed = ZBlobStoreEnv.safeParse(presentEnv(source));
  if (!parsed.success) {
    throw new Error(`Invalid blob store configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
