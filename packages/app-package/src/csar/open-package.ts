/**
 * Opening a package to rewrite it (`signPackage`, `rehashPackage`): the archive listed with the
 * safety rules, refused with an error naming every broken rule, and the manifest found the way
 * the validator finds it (TOSCA.meta's ETSI-Entry-Manifest, else the one .mf at the root, under
 * EdgeGallery's top folder when there is one).
 *
 * @example
 *   const zip = await openPackage('app.csar');
 *   const { prefix, entry } = await locateManifest(zip, 'app.csar');
 *   await writeWithManifest(zip, entry, newManifestBytes, 'out.csar');
 */
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '@mecport/contracts';
import { DEFAULT_LIMITS } from '../limits';
import { CheckList } from '../report';
import { SafeZip, type TZipEntry } from '../zip/safe-zip';
import { writeZip, type TZipInput } from '../zip/write-zip';
import { parseToscaMeta } from './tosca-meta';

export async function openPackage(path: string): Promise<SafeZip> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('not-found', `no package file at ${path}`);
  const checks = new CheckList();
  const zip = await SafeZip.open({ path }, DEFAULT_LIMITS, checks);
  if (!zip) throw new AppError('validation', `${path} is refused: ${checks.items.filter((c) => c.status === 'fail').map((c) => c.message).join('; ')}`);
  return zip;
}

/** The top folder (with its "/", or "") and the manifest entry; throws when there is no manifest. */
export async function locateManifest(zip: SafeZip, shown: string): Promise<{ prefix: string; entry: TZipEntry }> {
  const metaEntry = zip.files.find((f) => /^([^/]+\/)?TOSCA-Metadata\/TOSCA\.meta$/.test(f.name));
  const prefix = metaEntry ? metaEntry.name.slice(0, -'TOSCA-Metadata/TOSCA.meta'.length) : '';
  const declared = metaEntry ? parseToscaMeta((await zip.read(metaEntry, DEFAULT_LIMITS.maxMetaBytes)).toString('utf8')).get('ETSI-Entry-Manifest')?.value : undefined;
  const rootMf = zip.files.filter((f) => f.name.startsWith(prefix) && !f.name.slice(prefix.length).includes('/') && /\.mf$/i.test(f.name));
  const manifestName = declared ? prefix + declared : rootMf.length === 1 ? rootMf[0]!.name : undefined;
  const entry = manifestName ? zip.file(manifestName) : undefined;
  if (entry) return { prefix, entry };
  const envelope = zip.files.every((f) => !f.name.includes('/')) && zip.files.some((f) => /\.csar$/i.test(f.name)) && zip.files.some((f) => /\.cms$/i.test(f.name));
  const why = envelope ? 'it is a signed envelope (SOL004 option 2): unpack the .csar inside it and use that' : 'no ETSI-Entry-Manifest and not exactly one root .mf';
  throw new AppError('validation', `${shown} has no manifest (${why})`);
}

/**
 * Copies every entry of `zip` to `out` (streamed, compression kept) with the manifest replaced
 * by `manifest` and a separate `<manifest>.cms`, which no longer signs it, left out.
 */
export async function writeWithManifest(zip: SafeZip, manifestEntry: TZipEntry, manifest: Buffer, out: string, mtime = new Date()): Promise<void> {
  const staleCms = manifestEntry.name.replace(/\.mf$/i, '.cms');
  const inputs: TZipInput[] = zip.entries
    .filter((e) => e.name !== staleCms)
    .map((e): TZipInput => {
      if (e.isDirectory) return { name: `${e.name}/`, directory: true };
      if (e === manifestEntry) return { name: e.name, buffer: manifest };
      return { name: e.name, size: e.size, compress: e.compressionMethod === 8, stream: () => Readable.from(zip.stream(e)) };
    });
  await writeZip(out, inputs, mtime);
}
