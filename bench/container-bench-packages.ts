/**
 * The packages the container benchmarks deploy, made from the container sample
 * (examples/hello-container) on a port of their own:
 *
 * - `samplePackage`: the sample as the demo store has it, its image archive in the package;
 * - `registryPackage`: the same app whose image is the sample's layer plus a layer of 100 MB of
 *   random (incompressible) data, pushed to the loopback registry and pinned by the digest the
 *   registry serves; the package carries only the YAML.
 *
 * @example const { csar, images } = await samplePackage(workDir, 18093);
 */
import { randomBytes } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TContainerImage } from '@mecport/contracts';
import { buildSample, IMAGE_ARCHIVE, IMAGE_NAME, RELEASE_DATE, SAMPLE, SAMPLE_IMAGE_CONFIG, sampleLayer } from '@mecport/example-hello-container/build-sample';
import { deterministicTar } from '@mecport/example-hello-container/deterministic-tar';
import { writeOciArchive } from '@mecport/example-hello-container/oci-archive';
import type { TBenchRegistry } from './container-registry';

const KUBE_FILE = 'Artifacts/Deployment/Kubernetes/hello-container.yaml';
const APPD_FILE = 'Definitions/hello-container.yaml';

export interface TBenchPackage {
  csar: string;
  images: TContainerImage[];
}

/** The sample's package folder, built, with its port moved to `port`. */
async function samplePackageDir(workDir: string, port: number): Promise<{ dir: string; digest: string }> {
  const built = await buildSample({ distDir: path.join(workDir, 'sample-dist') });
  if ('unavailable' in built) throw new Error(built.unavailable);
  const dir = path.join(workDir, `hello-container-${port}`);
  await rm(dir, { recursive: true, force: true });
  await cp(built.packageDir, dir, { recursive: true });
  const kube = path.join(dir, KUBE_FILE);
  await writeFile(kube, (await readFile(kube, 'utf8')).replaceAll(String(SAMPLE.port), String(port)));
  return { dir, digest: built.image.digest };
}

export async function samplePackage(workDir: string, port: number): Promise<TBenchPackage> {
  const { dir, digest } = await samplePackageDir(workDir, port);
  const csar = `${dir}.csar`;
  await buildPackage({ dir, out: csar, releaseDate: RELEASE_DATE });
  return { csar, images: [{ name: IMAGE_NAME, digest, archive: IMAGE_ARCHIVE }] };
}

/** The 100 MB image, pushed to `registry` as bench/hello-big:1. */
export async function pushBigImage(workDir: string, registry: TBenchRegistry, megabytes = 100): Promise<TContainerImage> {
  const layer = await sampleLayer();
  if (!layer) throw new Error('busybox-static is not installed: the benchmark image is made from it');
  const data = await deterministicTar([{ name: 'data/', type: 'directory' }, { name: 'data/random.bin', type: 'file', content: randomBytes(megabytes * 2 ** 20) }]);
  const archive = path.join(workDir, 'hello-big.tar');
  const name = `${registry.host}/bench/hello-big:1`;
  await writeOciArchive({ out: archive, name, layers: [layer, data], config: SAMPLE_IMAGE_CONFIG });
  const digest = await registry.push(archive, 'bench/hello-big:1');
  await rm(archive, { force: true });
  return { name, digest };
}

/** The sample on `port` running `image` from the registry (no archive in the package; the AppD pins the digest). */
export async function registryPackage(workDir: string, port: number, image: TContainerImage): Promise<TBenchPackage> {
  const { dir } = await samplePackageDir(workDir, port);
  await rm(path.join(dir, IMAGE_ARCHIVE), { force: true });
  const kube = path.join(dir, KUBE_FILE);
  await writeFile(kube, (await readFile(kube, 'utf8')).replace(IMAGE_NAME, image.name));
  const appd = path.join(dir, APPD_FILE);
  const [repository, tag] = [image.name.slice(0, image.name.lastIndexOf(':')), image.name.slice(image.name.lastIndexOf(':') + 1)];
  await writeFile(appd, (await readFile(appd, 'utf8'))
    .replace(/ {10}file: Artifacts\/Images\/hello-container\.tar\n/, '')
    .replace(/name: localhost\/mecport\/hello-container\n(\s+)version: '1\.0\.0'/, `name: ${repository}\n$1version: '${tag}'`)
    .replace(/hash: [0-9a-f]{64}/, `hash: ${image.digest!.slice('sha256:'.length)}`));
  const csar = `${dir}-registry.csar`;
  await buildPackage({ dir, out: csar, releaseDate: RELEASE_DATE });
  return { csar, images: [image] };
}
