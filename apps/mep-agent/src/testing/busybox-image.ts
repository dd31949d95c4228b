/**
 * A container image for tests, made on the machine with no registry: a root file system of
 * Debian's static /bin/busybox (package busybox-static) with links for the applets tests use
 * (sh, httpd, wget, sleep, ...), imported with `podman import` (../shared/TOOLCHAIN.md §10).
 * Also `requirePodman`, which fails (never skips) when podman is missing, saying how to install it.
 *
 * @example
 *   const podman = await requirePodman(dataDir);
 *   const image = await importBusyboxImage(podman, { workDir, name: 'localhost/mecport-test/busybox:rt' });
 *   // image.imageId runs `/bin/httpd -f -p 8080 -h /www`; /www/index.html says "hello from busybox"
 */
import { execFile } from 'node:child_process';
import { access, chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PodmanCli } from '../runtime/podman/podman-cli';

const exec = promisify(execFile);

export const BUSYBOX_PATH = '/bin/busybox';
/** Applets linked into the image's /bin. */
export const BUSYBOX_APPLETS = ['sh', 'httpd', 'wget', 'sleep', 'cat', 'echo', 'env', 'ls', 'true', 'false', 'nc', 'grep', 'date', 'kill', 'ps', 'id', 'mkdir'];
export const BUSYBOX_INDEX = 'hello from busybox\n';

export interface TTestImage {
  /** The name it was tagged with, e.g. localhost/mecport-test/busybox:1 */
  name: string;
  /** The full image id (64 hex). */
  imageId: string;
  /** The image's manifest digest (sha256:...), as podman reports it. */
  digest: string;
}

const INSTALL_HINT = 'install it: apt-get install -y podman runc slirp4netns busybox-static (../shared/TOOLCHAIN.md §10; CI\'s .ci/run installs them)';

/** A PodmanCli for tests; throws (the test fails, it does not skip) when podman, runc or busybox is missing. */
export async function requirePodman(dataDir: string, env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' }): Promise<PodmanCli> {
  const podman = await PodmanCli.create({ dataDir, env });
  if (!podman) throw new Error(`podman or runc is not installed: these tests run real containers; ${INSTALL_HINT}`);
  if (!(await podman.works())) throw new Error(`podman is installed but does not work (podman info failed); ${INSTALL_HINT}`);
  await access(BUSYBOX_PATH).catch(() => {
    throw new Error(`${BUSYBOX_PATH} is missing: the test image is made from it; ${INSTALL_HINT}`);
  });
  return podman;
}

/**
 * Writes `<workDir>/busybox-rootfs.tar`: /bin/busybox with its applet links, /www/index.html,
 * /tmp, and `files` (path in the image -> content) for a test's own scripts or pages.
 */
export async function buildBusyboxRootfs(workDir: string, files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(workDir, 'busybox-root-'));
  try {
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'tmp'), { recursive: true, mode: 0o1777 });
    await copyFile(BUSYBOX_PATH, join(root, 'bin/busybox'));
    await chmod(join(root, 'bin/busybox'), 0o755);
    for (const applet of BUSYBOX_APPLETS) await symlink('busybox', join(root, 'bin', applet));
    for (const [path, content] of Object.entries({ '/www/index.html': BUSYBOX_INDEX, ...files })) {
      const target = join(root, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
    }
    const tar = join(workDir, 'busybox-rootfs.tar');
    await exec('tar', ['-C', root, '--owner=0', '--group=0', '-cf', tar, '.']);
    return tar;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Reads an image's id and manifest digest. */
export async function inspectImage(podman: PodmanCli, name: string): Promise<TTestImage> {
  const { stdout } = await podman.run(['image', 'inspect', '--format', '{{.Id}} {{.Digest}}', name]);
  const [imageId = '', digest = ''] = stdout.trim().split(' ');
  return { name, imageId, digest };
}

/**
 * Imports the busybox root file system as `name` (default CMD: httpd on 8080 serving /www).
 * Each call imports anew (a fresh image id), so a test owns the image it made.
 */
export async function importBusyboxImage(podman: PodmanCli, options: { workDir: string; name?: string; files?: Record<string, string> }): Promise<TTestImage> {
  const name = options.name ?? 'localhost/mecport-test/busybox:1';
  const tar = await buildBusyboxRootfs(options.workDir, options.files);
  await podman.run(['import', '--change', 'CMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]', '--change', 'ENV PATH=/bin', tar, name]);
  return inspectImage(podman, name);
}

/** Writes the image as an archive (`docker-archive` or `oci-archive`) at `path`, e.g. for a package's Artifacts/Images/. */
export async function saveImageArchive(podman: PodmanCli, name: string, path: string, format: 'docker-archive' | 'oci-archive' = 'docker-archive'): Promise<string> {
  await rm(path, { force: true });
  await podman.run(['save', '--format', format, '-o', path, name]);
  return path;
}
