/** Prepare's refusals for a container app that need no podman: the node's setting, the images the YAML may run. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TNodeRuntime } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBundle, type TExtractedContainer } from '../packages/bundle-extract';
import { BundleInvalidError } from '../packages/bundle-invalid-error';
import { ImageRefusedError } from '../packages/images/image-errors';
import type { PodmanImages } from '../packages/images/podman-images';
import { buildContainerPackage, podYaml } from '../testing/container-package';
import { desiredInstance } from '../testing/sample-app';
import { prepareContainer } from './prepare-container';

let dir: string;
let extracted: TExtractedContainer;
const podman: TNodeRuntime = { container: 'podman', registries: [] };
/** Never called: every case here is refused before an image is touched. */
const untouchable = new Proxy({}, { get: () => { throw new Error('an image was touched'); } }) as PodmanImages;
const desired = (images: { name: string }[] | undefined) => ({ ...desiredInstance({ sha256: 'a'.repeat(64), size: 1, path: '/p' }), ...(images ? { container: { images } } : {}) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepare-container-'));
  const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml({ image: 'localhost/test/app:1', port: 8080 }) } });
  const bundle = await extractBundle(csar, join(dir, 'bundles'), 'a'.repeat(64));
  if (bundle.kind !== 'container') throw new Error('not a container bundle');
  extracted = bundle;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('prepareContainer', () => {
  it('refuses a container app on a node whose runtime setting runs no containers', async () => {
    const error = await prepareContainer(extracted, desired([{ name: 'localhost/test/app:1' }]), { container: 'none', registries: [] }, { images: untouchable }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRefusedError);
    expect((error as Error).message).toContain('this node\'s runtime setting runs no containers (container: none)');
  });

  it('refuses it where podman does not work', async () => {
    await expect(prepareContainer(extracted, desired([{ name: 'localhost/test/app:1' }]), podman, { images: undefined })).rejects.toThrow(/this node has no working podman/);
  });

  it('refuses YAML that runs an image the app does not name (it would be pulled from anywhere)', async () => {
    const error = await prepareContainer(extracted, desired([{ name: 'localhost/test/other:1' }]), podman, { images: untouchable }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleInvalidError);
    expect((error as Error).message).toBe('Artifacts/Deployment/Kubernetes/app.yaml: container app runs image localhost/test/app:1, which is not among the app\'s images (localhost/test/other:1): the AppD\'s swImageDescriptor must name it');
  });

  it('refuses a desired state that names no images', async () => {
    await expect(prepareContainer(extracted, desired(undefined), podman, { images: untouchable })).rejects.toThrow(/names none of its images/);
  });
});
