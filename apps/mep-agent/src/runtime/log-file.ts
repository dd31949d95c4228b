/**
 * An app instance's log file. The app writes to it directly (its stdout and stderr are the
 * file, opened in append mode), so it keeps logging while the agent restarts. Rotation is
 * copy-and-truncate for the same reason: the app's descriptor stays valid and, with
 * O_APPEND, continues at the start of the emptied file. A few lines written between copy
 * and truncate can be lost; that is the price of never touching the app's descriptors.
 *
 * @example await rotateIfLarger(path, 5 << 20); const lines = await tailLines(path, 100);
 */
import { copyFile, open, stat, truncate, type FileHandle } from 'node:fs/promises';

const TAIL_BYTES = 64 * 1024;

/** The file for the app's stdout and stderr; close it once the app is spawned (the app keeps its copy). */
export function openForApp(path: string): Promise<FileHandle> {
  return open(path, 'a', 0o640);
}

/** The last `maxLines` complete lines (at most the last 64 KiB of the file). */
export async function tailLines(path: string, maxLines: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (size > length) lines.shift(); // the first line is cut
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-maxLines).map((line) => line.slice(0, 4000));
  } finally {
    await handle.close();
  }
}

/** Copies the log to `<path>.1` and empties it when it is past `maxBytes`. */
export async function rotateIfLarger(path: string, maxBytes: number): Promise<boolean> {
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size <= maxBytes) return false;
  await copyFile(path, `${path}.1`);
  await truncate(path, 0);
  return true;
}

/** Changes whenever the file does (size and modification time). */
export async function fileVersion(path: string): Promise<string | undefined> {
  return stat(path).then((s) => `${s.size}:${s.mtimeMs}`, () => undefined);
}
