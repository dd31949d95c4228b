/**
 * A content-addressed store of package files on the local disk. A file lives at
 * `<blobsDir>/sha256/<first 2 hex>/<digest>`; it is written to a temporary file in the same
 * file system, fsync'ed and renamed into place, so a reader never sees a half-written blob.
 * Files are streamed (hashing included): nothing is ever held whole in memory.
 *
 * @example
 * const blobs = createBlobStore();                       // MECPORT_DATA_DIR/blobs
 * const { digest, size } = await blobs.putFromFile('/tmp/app.csar');
 * (await blobs.openRange(digest, 0, 1023)).pipe(res);    // the first KiB
 * await blobs.remove(digest);
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@mecport/contracts';
import { storagePaths } from './paths';

const DIGEST = /^[0-9a-f]{64}$/;

export interface TPutResult {
  /** sha256 of the content, lower-case hex. */
  digest: string;
  size: number;
  /** False when a blob with this digest was already stored (the new copy was discarded). */
  created: boolean;
}

export interface TPutOptions {
  /**
   * Hard-link the source into the store instead of copying it, when both are on one file system
   * (falls back to a copy). The source must not change afterwards; the upload job deletes it.
   */
  link?: boolean;
}

export interface TBlobStat { digest: string; size: number; path: string }

export interface TBlobStore {
  readonly blobsDir: string;
  /** Absolute path of a digest's file (it may not exist). Throws on a malformed digest. */
  pathOf(digest: string): string;
  /** Stores a file under its sha256 (streamed) and returns the digest and size. */
  putFromFile(file: string, options?: TPutOptions): Promise<TPutResult>;
  /** A stream of bytes `start..end` (inclusive, like HTTP ranges) of a blob; not-found if absent or out of range. */
  openRange(digest: string, start?: number, end?: number): Promise<ReadStream>;
  /** Size and path of a stored blob, or null. */
  stat(digest: string): Promise<TBlobStat | null>;
  /** Deletes a blob's file; true if there was one. */
  remove(digest: string): Promise<boolean>;
}

export interface TBlobStoreOptions {
  /** Data directory; default `MECPORT_DATA_DIR` (relative to the repo root). Blobs go in its `blobs/`. */
  dataDir?: string;
}

function assertDigest(digest: string): void {
  if (!DIGEST.test(digest)) throw new AppError('bad-request', `Not a sha256 digest: ${JSON.stringify(digest).slice(0, 80)}`);
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** sha256 and byte count of a stream passing through. */
function hashing() {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ digest: hash.digest('hex'), size }) };
}

const HASH_CHUNK = 1 << 20;

/**
 * sha256 and size of a file, read through two reused buffers (the next read runs while this chunk
 * is hashed): a multi-GiB package costs 2 MiB here, not a fresh buffer per chunk awaiting GC.
 */
async function hashFile(file: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  const buffers = [Buffer.allocUnsafeSlow(HASH_CHUNK), Buffer.allocUnsafeSlow(HASH_CHUNK)];
  let size = 0;
  let turn = 0;
  try {
    let pending = handle.read(buffers[turn]!, 0, HASH_CHUNK, 0);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      size += bytesRead;
      turn ^= 1;
      pending = handle.read(buffers[turn]!, 0, HASH_CHUNK, size);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return { digest: hash.digest('hex'), size };
}

export function createBlobStore(options: TBlobStoreOptions = {}): TBlobStore {
  const blobsDir = storagePaths(options.dataDir).blobsDir;
  const shaDir = path.join(blobsDir, 'sha256');
  const tmpDir = path.join(blobsDir, 'tmp');

  const pathOf = (digest: string) => {
    assertDigest(digest);
    return path.join(shaDir, digest.slice(0, 2), digest);
  };

  /** Writes `file` to a temp file beside the blobs (hard link or streamed copy), fsync'ed; returns its hash. */
  async function stage(file: string, useLink: boolean): Promise<{ tmp: string; digest: string; size: number }> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    if (useLink) {
      try {
        await link(file, tmp);
        const { digest, size } = await hashFile(tmp);
        return { tmp, digest, size };
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        if (!isCode(error, 'EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK')) throw error;
      }
    }
    const hashed = hashing();
    try {
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hashed.transform, createWriteStream(tmp, { flags: 'wx' }));
      await fsyncPath(tmp);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    return { tmp, ...hashed.result() };
  }

  return {
    blobsDir,
    pathOf,

    async putFromFile(file, putOptions = {}) {
      try {
        await stat(file);
      } catch (error) {
        if (isCode(error, 'ENOENT')) throw new AppError('not-found', `No file ${file} to store`);
        throw error;
      }
      const { tmp, digest, size } = await stage(file, putOptions.link === true);
      const target = pathOf(digest);
      try {
        const existing = await stat(target).catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
        if (existing) {
          if (existing.size !== size) throw new Error(`Blob ${digest} on disk has ${existing.size} bytes, not ${size}: the store is corrupt`);
          return { digest, size, created: false };
        }
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        await fsyncPath(path.dirname(target));
        return { digest, size, created: true };
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    },

    async openRange(digest, start, end) {
      const info = await this.stat(digest);
      if (!info) throw new AppError('not-found', `No blob ${digest} in the store`);
      const from = start ?? 0;
      const to = end ?? info.size - 1;
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || (info.size > 0 && (from > to || to >= info.size))) {
        throw new AppError('bad-request', `Range ${from}-${to} is outside blob ${digest} (${info.size} bytes)`);
      }
      return createReadStream(info.path, info.size === 0 ? { start: 0, end: -1 } : { start: from, end: to, highWaterMark: 1 << 20 });
    },

    async stat(digest) {
      const file = pathOf(digest);
      try {
        const info = await stat(file);
        return { digest, size: info.size, path: file };
      } catch (error) {
        if (isCode(error, 'ENOENT')) return null;
        throw error;
      }
    },

    async remove(digest) {
      try {
        await unlink(pathOf(digest));
        return true;
      } catch (error) {
        if (isCode(error, 'ENOENT')) return false;
        throw error;
      }
    },
  };
}
