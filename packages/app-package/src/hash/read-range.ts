/**
 * Reads a byte range of a file through two reused buffers, handing each chunk to a callback
 * while the next read is already running: hashing overlaps the copy out of the page cache,
 * and a multi-GiB entry costs two buffers instead of one allocation per 64 KiB stream chunk.
 *
 * @example
 *   const hash = createHash('sha256');
 *   const read = await readRange('app.csar', 0, size, (chunk) => hash.update(chunk));
 */
import { open } from 'node:fs/promises';

/** Large enough that a read is a small share of the time, small enough to stay in the CPU's cache. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Calls `onChunk` with consecutive chunks of `[start, start + length)` (to the end of the file
 * when `length` is left out); a chunk is valid only during its call (its buffer is reused).
 * Returns the bytes read: fewer than `length` when the file ends early.
 */
export async function readRange(path: string, start: number, length: number | undefined, onChunk: (chunk: Buffer) => void): Promise<number> {
  const wanted = length ?? Number.MAX_SAFE_INTEGER - start;
  const handle = await open(path, 'r');
  const size = Math.max(1, Math.min(CHUNK_BYTES, wanted));
  const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  let position = start;
  let left = wanted;
  let turn = 0;
  const next = () => handle.read(buffers[turn]!, 0, Math.min(size, left), position);
  let pending = left > 0 ? next() : undefined;
  try {
    while (pending) {
      const { bytesRead, buffer } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      position += bytesRead;
      left -= bytesRead;
      turn ^= 1;
      if (left > 0) pending = next();
      onChunk(buffer.subarray(0, bytesRead));
    }
    return wanted - left;
  } finally {
    // A read still in flight when onChunk threw must finish before its file descriptor closes.
    await pending?.catch(() => undefined);
    await handle.close();
  }
}
