/**
 * An image archive is checked against the package manifest's digest for it before anything
 * loads it: the package's own digest was checked at download, but the manifest is what the
 * publisher signed, and the node trusts the archive only through it. The manifest's algorithm
 * is used (SHA-256, -384 or -512).
 *
 * @example await checkArchive('/data/bundles/ab…', 'Artifacts/Images/app.tar', digests);
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { TManifestDigest } from '../csar-manifest';
import { ImageDigestMismatchError, ImageRefusedError } from './image-errors';

export async function checkArchive(bundleDir: string, archive: string, digests: ReadonlyMap<string, TManifestDigest>, image: string): Promise<void> {
  const entry = digests.get(archive);
  if (!entry) throw new ImageRefusedError(`image ${image}: the package manifest has no digest for ${archive}, so the node cannot trust it`);
  if (!entry.algorithm) throw new ImageRefusedError(`image ${image}: the manifest's digest of ${archive} uses ${entry.label}; the node checks SHA-256, SHA-384 or SHA-512`);
  const hash = createHash(entry.algorithm);
  try {
    for await (const chunk of createReadStream(join(bundleDir, archive)) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    throw new ImageRefusedError(`image ${image}: ${archive} cannot be read: ${(error as Error).message}`);
  }
  const actual = hash.digest('hex');
  if (actual !== entry.hash) throw new ImageDigestMismatchError(image, `${entry.label} ${entry.hash}`, `${entry.label} ${actual}`, `${archive} does not match the package manifest`);
}
