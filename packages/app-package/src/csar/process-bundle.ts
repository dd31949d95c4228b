/**
 * The process bundle a package carries (`Artifacts/Deployment/Process/process.json`, under
 * EdgeGallery's top folder when there is one), read without extracting anything: the portal
 * needs its declared ports to check a deployment against what already runs on a node. Its own
 * subpath (`@mecport/app-package/process-bundle`) keeps the rest of the codec out of the portal.
 *
 * @example
 *   const bundle = await readProcessBundle('hello-edge.csar');
 *   bundle?.ports; // [{ name: 'HTTP', port: 8090 }]
 */
import { PROCESS_BUNDLE_MANIFEST, ZProcessBundle, type TProcessBundle } from '@mecport/contracts';
import { DEFAULT_LIMITS } from '../limits';
import type { SafeZip } from '../zip/safe-zip';
import { openPackage } from './open-package';

/** The package's process bundle; null when it has none (another runtime's package) or an unusable one. */
export async function readProcessBundle(path: string): Promise<TProcessBundle | null> {
  const zip = await openPackage(path);
  try {
    return await processBundleIn(zip);
  } finally {
    zip.close();
  }
}

/** The process bundle of an open package (shared with the workload reader). */
export async function processBundleIn(zip: SafeZip): Promise<TProcessBundle | null> {
  const entry = zip.files.find((f) => f.name === PROCESS_BUNDLE_MANIFEST || f.name.endsWith(`/${PROCESS_BUNDLE_MANIFEST}`) && f.name.split('/').length === PROCESS_BUNDLE_MANIFEST.split('/').length + 1);
  if (!entry) return null;
  let json: unknown;
  try {
    json = JSON.parse((await zip.read(entry, DEFAULT_LIMITS.maxMetaBytes)).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = ZProcessBundle.safeParse(json);
  return parsed.success ? parsed.data : null;
}
