/**
 * Builds Hello Container's package: `dist/package/` (the committed `package/` folder, plus the
 * image archive `Artifacts/Images/hello-container.tar` made here from Debian's static busybox
 * and `image/`, and the AppD with that image's digest pinned) and its CSAR, validated. No podman:
 * the archive is written with tar-stream (src/image/). Without busybox-static the sample is
 * skipped (`dist/UNAVAILABLE.txt` says why) and the build still succeeds.
 *
 * @example
 *   const built = await buildSample({ distDir: 'dist' });
 *   if ('unavailable' in built) console.log(built.unavailable); else built.image.digest;
 */
import { access, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPackage, validatePackage } from '@mecport/app-package';
import { BUSYBOX_MISSING, BUSYBOX_PATH, busyboxLayer } from './image/busybox-layer';
import { writeOciArchive, type TOciImage } from './image/oci-archive';

export const SAMPLE = { name: 'hello-container', version: '1.0.0', port: 8093, serviceName: 'hello-container' } as const;
/** The reference the Kubernetes YAML writes and the AppD's swImageDescriptor names (name:version). */
export const IMAGE_NAME = `localhost/mecport/${SAMPLE.name}:${SAMPLE.version}`;
export const IMAGE_ARCHIVE = `Artifacts/Images/${SAMPLE.name}.tar`;
export const APPD_FILE = `Definitions/${SAMPLE.name}.yaml`;
/** Every zip entry's time and the manifest's release date (the demo packages' date). */
export const RELEASE_DATE = new Date('2026-01-15T08:00:00Z');

const UNAVAILABLE = `the container sample (Hello Container) is unavailable: ${BUSYBOX_MISSING}, so its image cannot be made`;

const root = path.resolve(import.meta.dirname, '..');
export const SOURCE_DIR = path.join(root, 'package');
export const IMAGE_SOURCE_DIR = path.join(root, 'image');
export const DIST_DIR = path.join(root, 'dist');

export interface TBuiltSample {
  packageDir: string;
  csar: string;
  csarSha256: string;
  image: TOciImage;
}

export interface TBuildSampleOptions {
  distDir?: string;
  busyboxPath?: string;
}

/** `cpu_architecture` as AppDs write it. */
function appdArchitecture(): string {
  return process.arch === 'arm64' ? 'aarch64' : process.arch === 'x64' ? 'x86_64' : process.arch;
}

/** The image's config: runs hello.sh as nobody, with busybox's applets on PATH. */
export const SAMPLE_IMAGE_CONFIG = {
  User: '65534:65534', Env: ['PATH=/bin'], Entrypoint: ['/bin/sh', '/app/hello.sh'], WorkingDir: '/tmp', ExposedPorts: { [`${SAMPLE.port}/tcp`]: {} }, StopSignal: 'SIGTERM',
};

/** The image's one layer: busybox, its applets, /app/hello.sh and /www (undefined without busybox-static). */
export async function sampleLayer(busyboxPath?: string): Promise<Buffer | undefined> {
  const file = async (name: string) => readFile(path.join(IMAGE_SOURCE_DIR, name));
  return busyboxLayer({ 'app/hello.sh': { content: await file('hello.sh'), mode: 0o755 }, 'www/index.html': { content: await file('www/index.html') } }, busyboxPath);
}

/** The image archive (OCI), or undefined without busybox-static. */
export async function writeSampleImage(out: string, busyboxPath?: string): Promise<TOciImage | undefined> {
  const layer = await sampleLayer(busyboxPath);
  return layer && writeOciArchive({ out, name: IMAGE_NAME, layers: [layer], config: SAMPLE_IMAGE_CONFIG });
}

/** Why the sample cannot be built here (busybox-static missing), or undefined when it can. */
export async function sampleUnavailable(busyboxPath?: string): Promise<string | undefined> {
  return access(busyboxPath ?? BUSYBOX_PATH).then(() => undefined, () => UNAVAILABLE);
}

export async function buildSample(options: TBuildSampleOptions = {}): Promise<TBuiltSample | { unavailable: string }> {
  const distDir = options.distDir ?? DIST_DIR;
  const packageDir = path.join(distDir, 'package');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  await cp(SOURCE_DIR, packageDir, { recursive: true });
  await mkdir(path.join(packageDir, path.dirname(IMAGE_ARCHIVE)), { recursive: true });
  const image = await writeSampleImage(path.join(packageDir, IMAGE_ARCHIVE), options.busyboxPath);
  if (!image) {
    await rm(packageDir, { recursive: true, force: true });
    await writeFile(path.join(distDir, 'UNAVAILABLE.txt'), `${UNAVAILABLE}\n`);
    return { unavailable: UNAVAILABLE };
  }
  const appdPath = path.join(packageDir, APPD_FILE);
  const appd = (await readFile(appdPath, 'utf8')).replace('hash: IMAGE_DIGEST', `hash: ${image.digest.slice('sha256:'.length)}`).replace('cpu_architecture: IMAGE_ARCHITECTURE', `cpu_architecture: ${appdArchitecture()}`);
  await writeFile(appdPath, appd);
  const csar = path.join(distDir, `${SAMPLE.name}-${SAMPLE.version}.csar`);
  const built = await buildPackage({ dir: packageDir, out: csar, releaseDate: RELEASE_DATE });
  const report = await validatePackage(csar);
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (failed.length > 0) throw new Error(`${csar} does not validate: ${failed.map((c) => `${c.id}: ${c.message}`).join('; ')}`);
  return { packageDir, csar, csarSha256: built.sha256, image };
}
