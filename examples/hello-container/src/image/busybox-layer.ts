/**
 * The sample image's root file system as one layer: Debian's static busybox (package
 * `busybox-static`, /bin/busybox) with links for the applets the script uses, /tmp, and the
 * app's own files. `undefined` when busybox-static is not installed: the caller says so and
 * skips the sample instead of failing the build.
 *
 * @example
 *   const layer = await busyboxLayer({ 'app/hello.sh': { content: script, mode: 0o755 } });
 */
import { readFile } from 'node:fs/promises';
import { deterministicTar, type TTarEntry } from './deterministic-tar';

export const BUSYBOX_PATH = '/bin/busybox';
export const BUSYBOX_MISSING = `${BUSYBOX_PATH} is missing (Debian package busybox-static: apt-get install -y busybox-static)`;

/** The applets the image links in /bin (what hello.sh and a person debugging it use). */
export const BUSYBOX_APPLETS = ['sh', 'httpd', 'wget', 'sed', 'cat', 'sleep', 'base64', 'tr', 'grep', 'mkdir', 'cp', 'echo', 'printf', 'kill', 'ls', 'ps', 'env', 'date', 'id', 'true', 'false'];

/** The busybox binary, or undefined when it is not installed (any other read error is thrown). */
export async function readBusybox(path = BUSYBOX_PATH): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parent directories of `files`, each once, parents first. */
function directoriesOf(paths: string[]): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/').slice(0, -1);
    parts.forEach((_, i) => dirs.add(`${parts.slice(0, i + 1).join('/')}/`));
  }
  return [...dirs].sort();
}

export async function busyboxLayer(files: Record<string, { content: Uint8Array | string; mode?: number }>, busyboxPath = BUSYBOX_PATH): Promise<Buffer | undefined> {
  const busybox = await readBusybox(busyboxPath);
  if (!busybox) return undefined;
  const paths = Object.keys(files).sort();
  const entries: TTarEntry[] = [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', type: 'file', content: busybox, mode: 0o755 },
    ...BUSYBOX_APPLETS.map((applet): TTarEntry => ({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox' })),
    { name: 'tmp/', type: 'directory', mode: 0o1777 },
    ...directoriesOf(paths).filter((d) => d !== 'bin/' && d !== 'tmp/').map((name): TTarEntry => ({ name, type: 'directory' })),
    ...paths.map((name): TTarEntry => ({ name, type: 'file', content: files[name]!.content, ...(files[name]!.mode === undefined ? {} : { mode: files[name]!.mode }) })),
  ];
  return deterministicTar(entries);
}
