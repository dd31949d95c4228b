/**
 * Prepare's part for a container app: the node must run containers (its runtime setting says
 * podman and podman works here), every image the YAML runs must be one of the app's images (so
 * nothing is pulled from a registry the node did not allow), and every image is made present and
 * checked (packages/images/resolve-images.ts). The result is what the runtime runs.
 *
 * @example const run = await prepareContainer(extracted, desired, document.runtime, { images, onPull });
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TDesiredAppInstance, TNodeRuntime } from '@mecport/contracts';
import { BundleInvalidError } from '../packages/bundle-invalid-error';
import type { TExtractedContainer } from '../packages/container-bundle';
import { parseManifestDigests, type TManifestDigest } from '../packages/csar-manifest';
import { ImageRefusedError } from '../packages/images/image-errors';
import type { PodmanImages } from '../packages/images/podman-images';
import { resolveImages } from '../packages/images/resolve-images';
import type { TContainerRun } from '../runtime/app-runtime';

export interface TContainerPrepareDeps {
  /** undefined: podman is not installed or does not work here. */
  images: PodmanImages | undefined;
  onPull?(active: boolean): void;
}

export async function prepareContainer(extracted: TExtractedContainer, desired: TDesiredAppInstance, runtime: TNodeRuntime, deps: TContainerPrepareDeps): Promise<TContainerRun> {
  if (runtime.container !== 'podman') throw new ImageRefusedError(`${desired.appName} is a container app and this node's runtime setting runs no containers (container: ${runtime.container})`);
  if (!deps.images) throw new ImageRefusedError(`${desired.appName} is a container app and this node has no working podman (apt-get install -y podman runc slirp4netns)`);
  const wanted = desired.container?.images ?? [];
  if (wanted.length === 0) throw new BundleInvalidError(`${desired.appName} is a container app but the desired state names none of its images (a portal older than the container runtime?)`);
  for (const pod of extracted.workload.pods) {
    for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      if (!wanted.some((w) => w.name === container.image)) {
        throw new BundleInvalidError(`${pod.file}: container ${container.name} runs image ${container.image}, which is not among the app's images (${wanted.map((w) => w.name).join(', ')}): the AppD's swImageDescriptor must name it`);
      }
    }
  }
  const images = await resolveImages(wanted, { images: deps.images, bundleDir: extracted.dir, archives: extracted.files.imageArchives, manifest: await manifestOf(extracted), registries: runtime.registries, onPull: deps.onPull });
  return { kubeFiles: extracted.kubeFiles, images };
}

async function manifestOf(extracted: TExtractedContainer): Promise<Map<string, TManifestDigest>> {
  if (!extracted.files.manifest) return new Map();
  return parseManifestDigests(await readFile(join(extracted.dir, extracted.files.manifest), 'utf8'));
}
