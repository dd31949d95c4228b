/**
 * The digest of a whole file. A large file is hashed on a worker thread that reads the file
 * itself, so that the package's own sha256 runs on the second core while the main thread
 * hashes the manifest's entries: validation then takes about as long as one hash, not two.
 * Small files are hashed here: starting a thread costs more than it would save.
 *
 * @example
 *   const sha256 = await digestFile('app.csar', { onBytes: (n) => progress.add(n) });
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CHUNK_BYTES, readRange } from './read-range';

export interface TDigestFileOptions {
  /** A `node:crypto` hash name; default sha256. */
  algorithm?: string;
  /** Called with each count of bytes hashed (every few MiB on a thread). */
  onBytes?: (bytes: number) => void;
  /** Stops the thread (the promise then rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Below this size the file is hashed on the calling thread. */
export const THREAD_MIN_BYTES = 64 * 1024 * 1024;
const REPORT_BYTES = 8 * 1024 * 1024;
const WORKER_URL = new URL('./digest-file.worker.mjs', import.meta.url);

export async function digestFile(path: string, options: TDigestFileOptions = {}): Promise<string> {
  const algorithm = options.algorithm ?? 'sha256';
  const { size } = await stat(path);
  if (size < THREAD_MIN_BYTES) {
    const hash = createHash(algorithm);
    await readRange(path, 0, undefined, (chunk) => {
      hash.update(chunk);
      options.onBytes?.(chunk.length);
    });
    return hash.digest('hex');
  }
  return digestOnThread(path, algorithm, options);
}

function digestOnThread(path: string, algorithm: string, options: TDigestFileOptions): Promise<string> {
  options.signal?.throwIfAborted();
  return new Promise<string>((resolve, reject) => {
    // The thread holds one read buffer and a hash state: small heap limits keep its footprint small.
    // It is plain JavaScript and needs none of the parent's flags (`-e`, `--input-type` would break it).
    const worker = new Worker(WORKER_URL, {
      workerData: { path, algorithm, chunkBytes: CHUNK_BYTES, reportBytes: REPORT_BYTES },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
      stdout: false,
      stderr: false,
    });
    let digest: string | undefined;
    const abort = () => void worker.terminate();
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: { bytes?: number; digest?: string }) => {
      if (message.bytes) options.onBytes?.(message.bytes);
      if (message.digest) digest = message.digest;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) reject(options.signal.reason);
      else if (digest !== undefined) resolve(digest);
      else reject(new Error(`the hashing thread for ${path} stopped (exit code ${code}) without a digest`));
    });
  });
}
