/**
 * EdgeGallery's zipped AppD: the AppD folder packed as `APPD/<any name>.zip`, in two layouts.
 *
 * - TOSCA.meta's Entry-Definitions names the zip itself; the zip's own TOSCA_VNFD.meta (or a
 *   lone root YAML) names the main template inside.
 * - Entry-Definitions names a path *inside* the zip, relative to the folder the zip sits in
 *   (`APPD/Definition/MainServiceTemplate.yaml` read from `Definition/MainServiceTemplate.yaml`
 *   of `APPD/MainServiceTemplate.zip`), as EdgeGallery unpacks the zip in place before reading.
 *
 * The zip is read into memory, so it is refused over `maxAppdBytes`; it is then listed with the
 * same safety rules as the package (zip-slip, symlinks, sizes, ratio), and its entries are read
 * with the same caps as a plain AppD.
 *
 * @example
 *   for (const c of zippedAppdCandidates(zip, '', 'APPD/Definition/MainServiceTemplate.yaml')) c.zipPath; // 'APPD/MainServiceTemplate.zip'
 */
import { posix } from 'node:path';
import type { TContext } from '../context';
import { parseToscaMeta } from '../csar/tosca-meta';
import { SafeZip } from '../zip/safe-zip';

export interface TZippedAppdCandidate {
  /** The zip's path in the package (after the top folder). */
  zipPath: string;
  /** Entry-Definitions relative to the folder the zip sits in: its path inside the zip. */
  inner: string;
}

/**
 * Zips that may hold `entryDefinitions` when it is not a file of the package: every `.zip`
 * directly in one of its folders (deepest first), with the rest of the path as its inner path.
 * The package root is not searched: a zip there is an option 2 envelope or unrelated.
 */
export function zippedAppdCandidates(zip: SafeZip, prefix: string, entryDefinitions: string): TZippedAppdCandidate[] {
  const segments = entryDefinitions.split('/');
  const out: TZippedAppdCandidate[] = [];
  for (let depth = segments.length - 1; depth >= 1; depth -= 1) {
    const folder = segments.slice(0, depth).join('/');
    const inner = segments.slice(depth).join('/');
    const zips = zip.files
      .map((f) => f.name.slice(prefix.length))
      .filter((name) => posix.dirname(name) === folder && /\.zip$/i.test(name))
      .sort();
    for (const zipPath of zips) out.push({ zipPath, inner });
  }
  return out;
}

/**
 * Opens the zip at `zipPath` (after `prefix`) from memory, or returns undefined having added
 * the check that says why not (`appd.size` over the cap, `zip.*` for an unsafe archive).
 */
export async function openZippedAppd(ctx: TContext, zip: SafeZip, prefix: string, zipPath: string): Promise<SafeZip | undefined> {
  const entry = zip.file(prefix + zipPath);
  if (!entry) return undefined;
  const cap = ctx.limits.maxAppdBytes;
  if (entry.size > cap) {
    ctx.checks.fail('appd.size', `the zipped AppD ${zipPath} is ${entry.size} bytes, over maxAppdBytes ${cap}: a zipped AppD is read into memory, so it must hold the descriptors only (put images and charts in Artifacts/)`, { file: zipPath });
    return undefined;
  }
  return SafeZip.open({ buffer: await zip.read(entry, cap) }, ctx.limits, ctx.checks, zipPath);
}

/** The main template named by the zip's own TOSCA_VNFD.meta (or its one root YAML), when the zip is Entry-Definitions. */
export async function mainTemplateOf(ctx: TContext, nested: SafeZip): Promise<string | undefined> {
  const metaEntry = nested.files.find((f) => /(^|\/)TOSCA[-_]?(VNFD)?\.meta$/i.test(f.name));
  let inner: string | undefined;
  if (metaEntry) inner = parseToscaMeta((await nested.read(metaEntry, ctx.limits.maxMetaBytes)).toString('utf8')).get('Entry-Definitions')?.value;
  inner ??= nested.files.find((f) => /\.ya?ml$/i.test(f.name) && !f.name.includes('/'))?.name;
  return inner && nested.file(inner) ? inner : undefined;
}
