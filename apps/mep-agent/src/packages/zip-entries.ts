/**
 * The ZIP rules of the codec (packages/app-package/src/zip/safe-zip.ts), applied with yauzl
 * because the codec does not export its reader: no absolute names, no ".." (zip-slip), no
 * backslash, control character, empty or "." segment, no symbolic link or special file, no
 * encryption, stored or deflated only, no duplicate name, size and compression-ratio limits.
 * Only the entries a bundle takes are checked and written; the rest of the package is never read.
 *
 * @example
 *   await withZip(csar, async (zip) => {
 *     const all = await listEntries(zip);
 *     await extractEntries(zip, pick(all), '/data/bundles/.tmp', 'the process bundle');
 *   });
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { BundleInvalidError } from './bundle-invalid-error';

export const ZIP_LIMITS = { maxEntries: 10_000, maxBundleBytes: 2 * 1024 ** 3, maxCompressionRatio: 200, ratioMinBytes: 1024 ** 2 };
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export interface TZipItem {
  entry: yauzl.Entry;
  /** The entry's name in the package. */
  name: string;
}

/** An entry to write, with its path relative to the bundle folder. */
export interface TPick {
  entry: yauzl.Entry;
  name: string;
  relative: string;
}

export async function withZip<T>(csarPath: string, use: (zip: yauzl.ZipFile) => Promise<T>): Promise<T> {
  const zip = await yauzl.openPromise(csarPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

/** Every entry's name (not yet checked: the caller checks what it takes), at most maxEntries. */
export async function listEntries(zip: yauzl.ZipFile): Promise<TZipItem[]> {
  const items: TZipItem[] = [];
  for await (const entry of zip.eachEntry()) {
    if (items.length >= ZIP_LIMITS.maxEntries) throw new BundleInvalidError(`more than ${ZIP_LIMITS.maxEntries} entries in the package`);
    items.push({ entry, name: yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true) });
  }
  return items;
}

/** Checks the picked entries (each rule, duplicates, total size) and writes them under `target`; `what` names them in errors. */
export async function extractEntries(zip: yauzl.ZipFile, picks: TPick[], target: string, what: string): Promise<void> {
  const seen = new Set<string>();
  let total = 0;
  for (const { entry, name } of picks) {
    checkEntry(entry, name);
    if (seen.has(name)) throw new BundleInvalidError(`entry ${JSON.stringify(name)} appears more than once`);
    seen.add(name);
    total += entry.uncompressedSize;
    if (total > ZIP_LIMITS.maxBundleBytes) throw new BundleInvalidError(`${what} is larger than ${ZIP_LIMITS.maxBundleBytes} bytes`);
  }
  await mkdir(target, { recursive: true });
  const root = resolve(target);
  for (const { entry, relative } of picks) {
    const path = resolve(root, relative);
    if (!path.startsWith(root + sep)) throw new BundleInvalidError(`entry ${JSON.stringify(relative)} leaves the bundle folder`);
    if (relative.endsWith('/')) {
      await mkdir(path, { recursive: true });
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    const executable = ((entry.externalFileAttributes >>> 16) & 0o111) !== 0;
    await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(path, { flags: 'wx', mode: executable ? 0o755 : 0o644 }));
    await fsyncFile(path);
  }
}

/** Reads one (small) entry into memory, checked like any other. */
export async function readEntry(zip: yauzl.ZipFile, item: TZipItem, maxBytes: number): Promise<Buffer> {
  checkEntry(item.entry, item.name);
  if (item.entry.uncompressedSize > maxBytes) throw new BundleInvalidError(`entry ${JSON.stringify(item.name)} is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(item.entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function checkEntry(entry: yauzl.Entry, name: string): void {
  const shown = JSON.stringify(name);
  const segments = name.replace(/\/$/, '').split('/');
  if (name.includes('\\') || /[\u0000-\u001f]/.test(name) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new BundleInvalidError(`entry ${shown} has a "..", ".", empty segment, backslash or control character`);
  }
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (entry.versionMadeBy >> 8 === 3 && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new BundleInvalidError(`entry ${shown} is a symbolic link or special file`);
  if ((entry.generalPurposeBitFlag & 0x41) !== 0) throw new BundleInvalidError(`entry ${shown} is encrypted`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new BundleInvalidError(`entry ${shown} uses compression method ${entry.compressionMethod}`);
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= ZIP_LIMITS.ratioMinBytes && ratio > ZIP_LIMITS.maxCompressionRatio) throw new BundleInvalidError(`entry ${shown} expands ${Math.round(ratio)}:1 (zip bomb)`);
}
