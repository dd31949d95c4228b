/**
 * The tus data store of the upload endpoint: @tus/file-store's FileStore with a leaner `write`.
 * Request bytes reach the staged file in batches of about 1 MiB, one `writev` each, the next batch
 * filling while the previous one is written, instead of one write per 64 KiB network chunk through
 * two more streams (a counting Transform and an fs.WriteStream). Every other operation (files,
 * `.json` metadata, expiry) is FileStore's own. The subpath `@mecport/blob-store/staging-file-store`
 * keeps tus out of the worker and core, which only read and remove staged files (./staging.ts).
 *
 * @example
 *   import { StagingFileStore } from '@mecport/blob-store/staging-file-store';
 *   new Server({ path: '/api/v1/uploads', datastore: new StagingFileStore({ directory: storagePaths().uploadsDir }), namingFunction: newUploadId });
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { ERRORS } from '@tus/utils';

/** Bytes (or network chunks) gathered before one write: few system calls, little memory. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_CHUNKS = 256;

/** Writes `buffers` at `position` whole (a file write may be short, though it rarely is). */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  let written = (await handle.writev(buffers, position)).bytesWritten;
  if (written === total) return;
  const rest = Buffer.concat(buffers);
  while (written < total) written += (await handle.write(rest, written, total - written, position + written)).bytesWritten;
}

export class StagingFileStore extends FileStore {
  /** Like FileStore's own (private) resolve: an id is a plain file name in the directory. */
  private pathOf(id: string): string {
    const file = path.resolve(this.directory, id);
    if (path.dirname(file) !== path.resolve(this.directory)) throw ERRORS.FILE_NOT_FOUND;
    return file;
  }

  /**
   * Appends the request body at `offset` and answers the new offset. When the request ends early
   * (the client went away), what arrived is kept: the next HEAD reports it and the client resumes there.
   */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const handle = await open(this.pathOf(id), 'r+');
    let position = offset;
    let batch: Buffer[] = [];
    let batched = 0;
    let writing: Promise<void> = Promise.resolve();
    const writeBatch = () => {
      const buffers = batch;
      const at = position;
      position += batched;
      batch = [];
      batched = 0;
      return writeAll(handle, buffers, at);
    };
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        batch.push(chunk);
        batched += chunk.length;
        if (batched < BATCH_BYTES && batch.length < BATCH_CHUNKS) continue;
        await writing;
        writing = writeBatch();
        writing.catch(() => undefined); // a failed write is rethrown where it is awaited, not reported as unhandled
      }
      await writing;
      if (batched > 0) await writeBatch();
      return position;
    } catch {
      await writing.catch(() => undefined);
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      await handle.close();
    }
  }
}
