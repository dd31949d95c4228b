/**
 * Extracts the process bundle (`Artifacts/Deployment/Process/`) of a verified package into
 * `bundles/<sha256>/`, and nothing else of it. The ZIP rules are those of the codec
 * (packages/app-package/src/zip/safe-zip.ts), applied here with yauzl because the codec does
 * not export its reader: no absolute names, no ".." (zip-slip), no backslash, control
 * character, empty or "." segment, no symbolic link or special file, no encryption, stored or
 * deflated only, no duplicate name, size and compression-ratio limits. The bundle appears
 * under its final name only when complete (temporary directory + rename).
 *
 * @example const { dir, bundle } = await extractProcessBundle('/data/packages/ab…csar', '/data/bundles', 'ab…');
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PROCESS_BUNDLE_DIR, ZProcessBundle, type TProcessBundle } from '@mecport/contracts';
import yauzl from 'yauzl';
import { fsyncDir } from '../state/atomic-file';

/** The package cannot run on the process runtime (no bundle, unsafe entry, bad process.json). */
export class BundleInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleInvalidError';
  }
}

const LIMITS = { maxEntries: 10_000, maxBundleBytes: 2 * 1024 ** 3, maxCompressionRatio: 200, ratioMinBytes: 1024 ** 2 };
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export interface TExtractedBundle {
  dir: string;
  bundle: TProcessBundle;
}

export async function extractProcessBundle(csarPath: string, bundlesDir: string, sha256: string): Promise<TExtractedBundle> {
  const dir = join(bundlesDir, sha256);
  if (await stat(dir).then(() => true, () => false)) return { dir, bundle: await readManifest(dir) };
  await mkdir(bundlesDir, { recursive: true });
  const temp = join(bundlesDir, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await extractInto(csarPath, temp);
    const bundle = await readManifest(temp);
    await rename(temp, dir);
    await fsyncDir(bundlesDir);
    return { dir, bundle };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Reads and checks process.json of an extracted bundle. */
export async function readManifest(dir: string): Promise<TProcessBundle> {
  let text: string;
  try {
    text = await readFile(join(dir, 'process.json'), 'utf8');
  } catch {
    throw new BundleInvalidError(`the package has no ${PROCESS_BUNDLE_DIR}process.json`);
  }
  const parsed = ZProcessBundle.safeParse(safeJson(text));
  if (!parsed.success) throw new BundleInvalidError(`${PROCESS_BUNDLE_DIR}process.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function extractInto(csarPath: string, target: string): Promise<void> {
  const zip = await yauzl.openPromise(csarPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  try {
    const entries = await bundleEntries(zip);
    if (entries.length === 0) throw new BundleInvalidError(`the package has no ${PROCESS_BUNDLE_DIR} folder`);
    await mkdir(target, { recursive: true });
    const root = resolve(target);
    for (const { entry, relative } of entries) {
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
  } finally {
    zip.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Lists the bundle's entries (names relative to the bundle folder), refusing any that breaks a rule. */
async function bundleEntries(zip: yauzl.ZipFile): Promise<{ entry: yauzl.Entry; relative: string }[]> {
  const found: { entry: yauzl.Entry; relative: string }[] = [];
  const seen = new Set<string>();
  let count = 0;
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (++count > LIMITS.maxEntries) throw new BundleInvalidError(`more than ${LIMITS.maxEntries} entries in the package`);
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    if (!name.startsWith(PROCESS_BUNDLE_DIR) || name === PROCESS_BUNDLE_DIR) continue;
    checkEntry(entry, name);
    if (seen.has(name)) throw new BundleInvalidError(`entry ${JSON.stringify(name)} appears more than once`);
    seen.add(name);
    total += entry.uncompressedSize;
    if (total > LIMITS.maxBundleBytes) throw new BundleInvalidError(`the process bundle is larger than ${LIMITS.maxBundleBytes} bytes`);
    found.push({ entry, relative: name.slice(PROCESS_BUNDLE_DIR.length) });
  }
  return found;
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
  if (entry.uncompressedSize >= LIMITS.ratioMinBytes && ratio > LIMITS.maxCompressionRatio) throw new BundleInvalidError(`entry ${shown} expands ${Math.round(ratio)}:1 (zip bomb)`);
}
