/**
 * A tar file (ustar, via tar-stream) whose bytes depend only on the entries given: one fixed
 * mtime, root owner, entries in the order given. The same input always gives the same digest,
 * which is what lets an AppD pin an image built on any machine from the same busybox.
 *
 * @example
 *   const layer = await deterministicTar([{ name: 'bin/', type: 'directory' }, { name: 'bin/sh', type: 'symlink', linkname: 'busybox' }]);
 */
import { pack } from 'tar-stream';

/** Every entry's mtime: the demo packages' release date (a fixed instant, never "now"). */
export const FIXED_MTIME = new Date('2026-01-15T08:00:00Z');

export type TTarEntry =
  | { name: string; type: 'directory'; mode?: number }
  | { name: string; type: 'file'; content: Uint8Array | string; mode?: number }
  | { name: string; type: 'symlink'; linkname: string };

const DEFAULT_MODE = { directory: 0o755, file: 0o644, symlink: 0o777 } as const;

export async function deterministicTar(entries: TTarEntry[]): Promise<Buffer> {
  const tar = pack();
  const collected = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const entry of entries) {
    const header = { name: entry.name, type: entry.type, mode: 'mode' in entry && entry.mode !== undefined ? entry.mode : DEFAULT_MODE[entry.type], mtime: FIXED_MTIME, uid: 0, gid: 0, uname: 'root', gname: 'root' };
    if (entry.type === 'file') tar.entry(header, typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content);
    else if (entry.type === 'symlink') tar.entry({ ...header, linkname: entry.linkname });
    else tar.entry(header);
  }
  tar.finalize();
  return collected;
}
