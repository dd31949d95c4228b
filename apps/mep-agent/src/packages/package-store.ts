/**
 * Verified packages on the node: `packages/<sha256>.csar`. A download streams to
 * `<sha256>.part`, resumes with a Range request after an interruption, and becomes the .csar
 * only once its sha256 equals the digest the desired state names. A mismatching file is
 * deleted; the caller marks the instance FAILED with `digestMismatch`.
 *
 * @example const path = await store.fetch(instance.package, (offset) => client.openPackage(instance.package.path, offset));
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { fsyncDir } from '../state/atomic-file';

export class DigestMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`package digest mismatch: expected sha256 ${expected}, got ${actual}; file deleted`);
    this.name = 'DigestMismatchError';
  }
}

export interface TPackageRef {
  sha256: string;
  size: number;
  path: string;
}

/** Opens the download from byte `offset` (Range); answers 200 or 206. */
export type TOpenPackage = (offset: number) => Promise<IncomingMessage>;

export class PackageStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, `${sha256}.csar`);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(() => true, () => false);
  }

  /** The verified package's path, downloading (or resuming) it when it is not here yet. */
  async fetch(ref: TPackageRef, openAt: TOpenPackage): Promise<string> {
    const final = this.pathOf(ref.sha256);
    if (await this.has(ref.sha256)) return final;
    await mkdir(this.dir, { recursive: true });
    const part = join(this.dir, `${ref.sha256}.part`);
    let offset = await stat(part).then((s) => s.size, () => 0);
    if (offset > ref.size) offset = 0;
    const res = await openAt(offset);
    if (offset > 0 && res.statusCode === 200) offset = 0; // the portal sent the whole file
    else if (offset > 0 && !rangeStartsAt(res, offset)) {
      res.destroy();
      throw new Error(`package ${ref.sha256}: asked for bytes ${offset}- and got ${String(res.headers['content-range'])}`);
    }
    const hash = createHash('sha256');
    if (offset > 0) for await (const chunk of createReadStream(part, { end: offset - 1 }) as AsyncIterable<Buffer>) hash.update(chunk);
    const file = await open(part, offset > 0 ? 'r+' : 'w', 0o600);
    try {
      let written = offset;
      for await (const chunk of res as AsyncIterable<Buffer>) {
        if (written + chunk.length > ref.size) throw new Error(`package ${ref.sha256} is larger than the ${ref.size} bytes announced`);
        await file.write(chunk, 0, chunk.length, written);
        hash.update(chunk);
        written += chunk.length;
      }
      if (written !== ref.size) throw new Error(`package ${ref.sha256}: ${written} of ${ref.size} bytes received`);
      await file.truncate(written);
      await file.sync();
    } finally {
      await file.close();
    }
    const actual = hash.digest('hex');
    if (actual !== ref.sha256) {
      await rm(part, { force: true });
      throw new DigestMismatchError(ref.sha256, actual);
    }
    await rename(part, final);
    await fsyncDir(this.dir);
    return final;
  }

  /** Deletes every package not in `keep` (unfinished downloads of kept digests stay). */
  async retainOnly(keep: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const sha = name.replace(/\.(csar|part)$/, '');
      if (!keep.has(sha)) await rm(join(this.dir, name), { force: true });
    }
  }
}

function rangeStartsAt(res: IncomingMessage, offset: number): boolean {
  const match = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''));
  return match !== null && Number(match[1]) === offset;
}
