/**
 * Random-access ZIP reading with the safety rules applied to the central directory before
 * anything is decompressed, and the real sizes enforced while streaming.
 *
 * yauzl reads the central directory and opens one entry at a time: nothing is held in
 * memory but the entry list and the chunk being hashed. Names are decoded here (yauzl's
 * `decodeStrings: false`) so that a bad name becomes a named `fail` check instead of an
 * error that aborts the listing.
 *
 * @example
 *   const zip = await SafeZip.open({ path: 'app.csar' }, limits, checks);
 *   if (zip) for await (const chunk of zip.stream(zip.file('APPD/app.yaml')!)) hash.update(chunk);
 *   if (zip) await zip.digest(zip.file('Artifacts/disk.img')!, 'sha256');
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { PackageRefusedError } from '../errors';
import { readRange } from '../hash/read-range';
import type { TLimits } from '../limits';
import type { CheckList } from '../report';

export interface TZipEntry {
  /** The decoded name, without a trailing "/" for directories. */
  name: string;
  isDirectory: boolean;
  /** Uncompressed size from the central directory (enforced while streaming). */
  size: number;
  compressedSize: number;
  compressionMethod: number;
  raw: yauzl.Entry;
}

/** Where the archive lives: a file, a byte range of a file (stored nested zip), or a buffer. */
export type TZipSource = { path: string; offset?: number; length?: number } | { buffer: Buffer };

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** A yauzl reader over `[offset, offset+length)` of a file: lets a stored inner CSAR be read in place. */
class FileRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly path: string, private readonly offset: number) { super(); }
  override _readStreamForRange(start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    return createReadStream(this.path, { start: this.offset + start, end: this.offset + end - 1 });
  }
}

export class SafeZip {
  private readonly byName = new Map<string, TZipEntry>();
  readonly entries: TZipEntry[] = [];

  /** The archive's file and where the archive starts in it, when it is read from disk. */
  private onDisk: { path: string; offset: number } | undefined;

  private constructor(private readonly zip: yauzl.ZipFile, private readonly limits: TLimits, readonly label: string) {}

  /**
   * Opens and lists the archive, adding a `zip.*` check for every violated rule (each names
   * the entry). Returns undefined when any rule failed: such an archive is never decompressed.
   */
  static async open(source: TZipSource, limits: TLimits, checks: CheckList, label = ''): Promise<SafeZip | undefined> {
    const options: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    const where = label ? `${label}: ` : '';
    let zipfile: yauzl.ZipFile;
    try {
      if ('buffer' in source) zipfile = await yauzl.fromBufferPromise(source.buffer, options);
      else if (source.offset !== undefined && source.length !== undefined) zipfile = await yauzl.fromRandomAccessReaderPromise(new FileRangeReader(source.path, source.offset), source.length, options);
      else zipfile = await yauzl.openPromise(source.path, options);
    } catch (error) {
      checks.fail('zip.open', `${where}not a readable ZIP archive: ${(error as Error).message}`, label ? { file: label } : undefined);
      return undefined;
    }
    const zip = new SafeZip(zipfile, limits, label);
    if ('path' in source) zip.onDisk = { path: source.path, offset: source.offset ?? 0 };
    const ok = await zip.list(checks);
    if (!ok) { zip.close(); return undefined; }
    return zip;
  }

  private async list(checks: CheckList): Promise<boolean> {
    const before = checks.items.length;
    const where = this.label ? `${this.label}: ` : '';
    const at = (name: string) => ({ file: this.label ? `${this.label}!/${name}` : name });
    const lowerCase = new Map<string, string>();
    let total = 0;
    let count = 0;
    try {
      for await (const entry of this.zip.eachEntry()) {
        count += 1;
        if (count > this.limits.maxEntries) {
          checks.fail('zip.entry-count', `${where}more than ${this.limits.maxEntries} entries (maxEntries)`, this.label ? { file: this.label } : undefined);
          break;
        }
        const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
        const isDirectory = rawName.endsWith('/');
        const name = isDirectory ? rawName.slice(0, -1) : rawName;
        const shown = JSON.stringify(rawName);
        const segments = name.split('/');
        if (/^\/|^[A-Za-z]:[\\/]/.test(rawName)) checks.fail('zip.absolute-path', `${where}entry ${shown} has an absolute path`, at(rawName));
        else if (name.split(/[\\/]/).includes('..')) checks.fail('zip.path-traversal', `${where}entry ${shown} has a ".." segment (zip-slip)`, at(rawName));
        else if (rawName.includes('\\') || /[\u0000-\u001f]/.test(rawName) || segments.some((s) => s === '' || s === '.')) {
          checks.fail('zip.path-invalid', `${where}entry ${shown} has a backslash, control character, empty or "." segment`, at(rawName));
        }
        const madeByUnix = entry.versionMadeBy >> 8 === 3;
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (madeByUnix && mode === S_IFLNK) checks.fail('zip.symlink', `${where}entry ${shown} is a symbolic link`, at(rawName));
        else if (madeByUnix && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) checks.fail('zip.special-file', `${where}entry ${shown} is not a regular file or directory (mode ${mode.toString(8)})`, at(rawName));
        if ((entry.generalPurposeBitFlag & 0x41) !== 0) checks.fail('zip.encrypted', `${where}entry ${shown} is encrypted`, at(rawName));
        else if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) checks.fail('zip.compression-method', `${where}entry ${shown} uses compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are read`, at(rawName));
        if (this.byName.has(name)) checks.fail('zip.duplicate', `${where}entry ${shown} appears more than once`, at(rawName));
        else {
          const other = lowerCase.get(name.toLowerCase());
          if (other !== undefined) checks.warn('zip.case-collision', `${where}entries ${JSON.stringify(other)} and ${shown} differ only by case`, at(rawName));
          lowerCase.set(name.toLowerCase(), name);
        }
        if (entry.uncompressedSize > this.limits.maxEntryBytes) checks.fail('zip.entry-size', `${where}entry ${shown} declares ${entry.uncompressedSize} bytes, over maxEntryBytes ${this.limits.maxEntryBytes}`, at(rawName));
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (entry.uncompressedSize >= this.limits.ratioMinBytes && ratio > this.limits.maxCompressionRatio) {
          checks.fail('zip.compression-ratio', `${where}entry ${shown} expands ${Math.round(ratio)}:1, over maxCompressionRatio ${this.limits.maxCompressionRatio} (zip bomb)`, at(rawName));
        }
        total += entry.uncompressedSize;
        const record: TZipEntry = { name, isDirectory, size: entry.uncompressedSize, compressedSize: entry.compressedSize, compressionMethod: entry.compressionMethod, raw: entry };
        this.entries.push(record);
        if (!this.byName.has(name)) this.byName.set(name, record);
      }
    } catch (error) {
      const message = (error as Error).message;
      const id = /encrypt/i.test(message) ? 'zip.encrypted' : 'zip.open';
      checks.fail(id, `${where}unreadable central directory: ${message}`, this.label ? { file: this.label } : undefined);
    }
    if (total > this.limits.maxTotalBytes) checks.fail('zip.total-size', `${where}entries total ${total} bytes uncompressed, over maxTotalBytes ${this.limits.maxTotalBytes}`, this.label ? { file: this.label } : undefined);
    return !checks.items.slice(before).some((c) => c.status === 'fail');
  }

  /** Regular files (directories left out). */
  get files(): TZipEntry[] { return this.entries.filter((e) => !e.isDirectory); }

  file(name: string): TZipEntry | undefined {
    const entry = this.byName.get(name);
    return entry && !entry.isDirectory ? entry : undefined;
  }

  has(name: string): boolean { return this.byName.has(name); }

  /**
   * The entry's bytes, chunk by chunk, refusing more than the header declared (or than
   * `maxBytes`) as soon as the excess arrives, and fewer at the end.
   */
  async *stream(entry: TZipEntry, maxBytes = this.limits.maxEntryBytes): AsyncGenerator<Buffer> {
    const name = this.label ? `${this.label}!/${entry.name}` : entry.name;
    if (entry.size > maxBytes) throw new PackageRefusedError('zip.entry-size', name, `at most ${maxBytes} bytes`);
    let readable: Readable;
    try {
      readable = await this.zip.openReadStreamPromise(entry.raw);
    } catch (error) {
      throw new PackageRefusedError('zip.open', name, 'readable entry data', `${name}: ${(error as Error).message}`);
    }
    let seen = 0;
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > entry.size) throw new PackageRefusedError('zip.size-mismatch', name, `no more than the ${entry.size} bytes its header declares`);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof PackageRefusedError) throw error;
      const message = (error as Error).message;
      const id = /too many bytes|too few bytes|expected/i.test(message) ? 'zip.size-mismatch' : 'zip.open';
      throw new PackageRefusedError(id, name, id === 'zip.size-mismatch' ? `exactly the ${entry.size} bytes its header declares` : 'readable entry data', `${name}: ${message}`);
    } finally {
      readable.destroy();
    }
    if (seen !== entry.size) throw new PackageRefusedError('zip.size-mismatch', name, `exactly the ${entry.size} bytes its header declares`);
  }

  /**
   * The entry's digest (hex). A stored entry of an archive on disk is read straight from the
   * file in large reads (it is the multi-GiB image in practice); the size rules are those of
   * `stream`, which hashes every other entry.
   */
  async digest(entry: TZipEntry, algorithm: string, onBytes?: (bytes: number) => void, maxBytes = this.limits.maxEntryBytes): Promise<string> {
    const hash = createHash(algorithm);
    const update = (chunk: Buffer) => { hash.update(chunk); onBytes?.(chunk.length); };
    if (entry.compressionMethod !== 0 || !this.onDisk) {
      for await (const chunk of this.stream(entry, maxBytes)) update(chunk);
      return hash.digest('hex');
    }
    const name = this.label ? `${this.label}!/${entry.name}` : entry.name;
    if (entry.size > maxBytes) throw new PackageRefusedError('zip.entry-size', name, `at most ${maxBytes} bytes`);
    // yauzl refused a stored entry whose two sizes differ while listing, and checks here that the data lies inside the archive.
    let start: number;
    try {
      start = await this.dataOffset(entry);
    } catch (error) {
      throw new PackageRefusedError('zip.open', name, 'readable entry data', `${name}: ${(error as Error).message}`);
    }
    const read = await readRange(this.onDisk.path, this.onDisk.offset + start, entry.size, update);
    if (read !== entry.size) throw new PackageRefusedError('zip.size-mismatch', name, `exactly the ${entry.size} bytes its header declares`);
    return hash.digest('hex');
  }

  /** Reads a small entry whole, refusing it past `maxBytes`. */
  async read(entry: TZipEntry, maxBytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.stream(entry, maxBytes)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /** Byte offset of a stored entry's data in the archive file, for reading a nested zip in place. */
  async dataOffset(entry: TZipEntry): Promise<number> {
    const header = await this.zip.readLocalFileHeaderPromise(entry.raw, { minimal: true });
    return header.fileDataStart;
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}
