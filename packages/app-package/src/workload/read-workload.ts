/**
 * What a package runs as (`TAppWorkload`), read from its file without extracting anything: the
 * portal keeps it on the version, to check a deployment's nodes (ports, runtime) and to tell the
 * agent which images a container app needs. Its own subpath (`@mecport/app-package/workload`)
 * keeps the rest of the codec out of the portal.
 *
 * `appd` (the version's stored MEC 010-2 AppD) pins image digests through its
 * swImageDescriptor; without it no image is pinned. Paths in the answer are relative to the
 * package's top folder (EdgeGallery's folder stripped).
 *
 * @example
 *   const w = await readWorkload('hello-container.csar', version.appd);
 *   if (w.runtime === 'container') w.images; // [{ name: '127.0.0.1:5055/demo/hello:1.0', archive: 'Artifacts/Images/hello.tar', digest: 'sha256:…' }]
 */
import type { TAppWorkload } from '@mecport/contracts';
import { openPackage } from '../csar/open-package';
import { pinsFromAppd } from './image-pins';
import { workloadIn, workloadPrefix } from './workload-in-zip';

export async function readWorkload(path: string, appd?: unknown): Promise<TAppWorkload> {
  const zip = await openPackage(path);
  try {
    return (await workloadIn(zip, workloadPrefix(zip), pinsFromAppd(appd))).workload;
  } finally {
    zip.close();
  }
}
