/**
 * The version a package says it is, read in the browser before the upload starts (the upload
 * needs it up front): the manifest's `vnf_software_version` (MEC 037 Table 6.2.2-1), else an
 * EdgeGallery manifest's `app_package_version`. Only the end of the file (the zip's central
 * directory) and the manifest entry are read, so an 8 GiB package costs a few kilobytes.
 *
 * @example await packageVersion(file) // '1.0.0', or undefined when the package does not say
 */
import { ZAppVersionName } from '@mecport/contracts';
import { unzip, type ZipEntry } from 'unzipit';

/** Manifest metadata names carrying the version, best first. */
const VERSION_NAMES = ['vnf_software_version', 'app_package_version'] as const;
const MAX_MANIFEST_BYTES = 1024 * 1024;
const PAIR = /^([A-Za-z0-9_.-]+):(?:[ \t]+(.*?))?\s*$/;

/** The version in a manifest's `metadata:` block, when it is a valid version name. */
export function manifestVersion(text: string): string | undefined {
  const metadata = new Map<string, string>();
  let inMetadata = false;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^metadata:\s*$/.test(line)) { inMetadata = true; continue; }
    if (!inMetadata) continue;
    if (line.trim() === '') { if (metadata.size > 0) break; continue; }
    const pair = PAIR.exec(line.trim());
    if (!pair) break;
    metadata.set(pair[1]!, (pair[2] ?? '').replace(/^(['"])(.*)\1$/, '$2'));
  }
  for (const name of VERSION_NAMES) {
    const value = metadata.get(name)?.trim();
    if (value && ZAppVersionName.safeParse(value).success) return value;
  }
  return undefined;
}

/** The manifest entry: named by TOSCA.meta's ETSI-Entry-Manifest, else the one `.mf` at the root (or under an EdgeGallery top folder). */
async function manifestEntry(entries: Record<string, ZipEntry>): Promise<ZipEntry | undefined> {
  const names = Object.keys(entries);
  const metaPath = names.find((n) => /^([^/]+\/)?TOSCA-Metadata\/TOSCA\.meta$/.test(n));
  const top = names[0]?.split('/')[0];
  const prefix = metaPath ? metaPath.slice(0, metaPath.indexOf('TOSCA-Metadata/')) : top && names.every((n) => n.startsWith(`${top}/`)) ? `${top}/` : '';
  const meta = metaPath ? entries[metaPath] : undefined;
  if (meta && meta.size <= MAX_MANIFEST_BYTES) {
    const declared = /^ETSI-Entry-Manifest:\s*(\S+)\s*$/m.exec(await meta.text())?.[1];
    if (declared && entries[prefix + declared]) return entries[prefix + declared];
  }
  const roots = names.filter((n) => /\.mf$/i.test(n) && n.startsWith(prefix) && !n.slice(prefix.length).includes('/'));
  return roots.length === 1 ? entries[roots[0]!] : undefined;
}

/** The package's own version, or undefined when it is not a readable MEC 037 / EdgeGallery package or says none. */
export async function packageVersion(file: Blob): Promise<string | undefined> {
  try {
    const { entries } = await unzip(file);
    const manifest = await manifestEntry(entries);
    if (!manifest || manifest.size > MAX_MANIFEST_BYTES) return undefined;
    return manifestVersion(await manifest.text());
  } catch {
    return undefined; // not a zip, or a damaged one: validation will say so after the upload
  }
}
