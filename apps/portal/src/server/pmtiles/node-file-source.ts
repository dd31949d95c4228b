/**
 * A `pmtiles` Source over a local file: the package ships sources for fetch and the browser's File
 * API, and leaves node's file system to its users. Reads byte ranges with positioned reads on one
 * file handle, opened on first use; a range past the end of the file comes back short (the package
 * asks for the first 16 KiB whatever the archive's size).
 *
 * @example new PMTiles(new NodeFileSource('/srv/maps/world.pmtiles')).getZxy(0, 0, 0)
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RangeResponse, Source } from 'pmtiles';

export class NodeFileSource implements Source {
  private handle: Promise<FileHandle> | undefined;

  constructor(private readonly file: string) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const bytes = new Uint8Array(length);
    const { bytesRead } = await (await this.fileHandle()).read(bytes, 0, length, offset);
    return { data: bytes.buffer.slice(0, bytesRead) };
  }

  /** One handle for the process's life (the archive is read on every tile); a failed open is retried next time. */
  private fileHandle(): Promise<FileHandle> {
    if (!this.handle) {
      this.handle = open(this.file, 'r');
      this.handle.catch(() => { this.handle = undefined; });
    }
    return this.handle;
  }
}
