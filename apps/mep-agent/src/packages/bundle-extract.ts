/**
 * Extracts what a verified package runs into `bundles/<sha256>/`, and nothing else of it:
 *
 * - a process bundle: `Artifacts/Deployment/Process/` (its content at the folder's root, with process.json);
 * - a container app (no process bundle, Kubernetes YAML under `Artifacts/Deployment/Kubernetes/`):
 *   the YAML, the image archives under `Artifacts/Images/` and the manifest whose digests cover
 *   them, at their package paths, with `container-bundle.json` (see container-bundle.ts);
 * - a package with only a Helm chart is refused (HELM_NOT_SUPPORTED).
 *
 * Both under EdgeGallery's top folder too. The ZIP rules are in zip-entries.ts. A bundle appears
 * under its final name only when complete and checked (temporary directory + rename).
 *
 * @example const extracted = await extractBundle('/data/packages/ab….csar', '/data/bundles', 'ab…'); extracted.kind;
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HELM_NOT_SUPPORTED, KUBERNETES_DIR, PROCESS_BUNDLE_DIR, ZProcessBundle, type TProcessBundle } from '@mecport/contracts';
import { fsyncDir } from '../state/atomic-file';
import { BundleInvalidError } from './bundle-invalid-error';
import { CONTAINER_BUNDLE_FILE, readContainerBundle, type TContainerBundleFile, type TExtractedContainer } from './container-bundle';
import { readLayout } from './package-layout';
import { extractEntries, listEntries, withZip, type TPick, type TZipItem } from './zip-entries';

export { BundleInvalidError } from './bundle-invalid-error';
export type { TExtractedContainer } from './container-bundle';

export interface TExtractedProcess {
  kind: 'process';
  dir: string;
  bundle: TProcessBundle;
}

export type TExtractedBundle = TExtractedProcess | TExtractedContainer;

export async function extractBundle(csarPath: string, bundlesDir: string, sha256: string): Promise<TExtractedBundle> {
  const dir = join(bundlesDir, sha256);
  if (await stat(dir).then(() => true, () => false)) return readExtracted(dir);
  await mkdir(bundlesDir, { recursive: true });
  const temp = join(bundlesDir, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await extractInto(csarPath, temp);
    const extracted = await readExtracted(temp);
    await rename(temp, dir);
    await fsyncDir(bundlesDir);
    return extracted.kind === 'container' ? await readContainerBundle(dir) : { ...extracted, dir };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** A process bundle, or BundleInvalidError (kept for the process runtime's callers and tests). */
export async function extractProcessBundle(csarPath: string, bundlesDir: string, sha256: string): Promise<TExtractedProcess> {
  const extracted = await extractBundle(csarPath, bundlesDir, sha256);
  if (extracted.kind !== 'process') throw new BundleInvalidError(`the package has no ${PROCESS_BUNDLE_DIR} folder (it is a container app)`);
  return extracted;
}

/** Reads an extracted bundle folder back (process.json, or container-bundle.json and its YAML). */
export async function readExtracted(dir: string): Promise<TExtractedBundle> {
  const isFile = (name: string) => stat(join(dir, name)).then(() => true, () => false);
  // A container bundle never has process.json at its root (its files keep their package paths).
  if (!(await isFile('process.json')) && (await isFile(CONTAINER_BUNDLE_FILE))) return readContainerBundle(dir);
  return { kind: 'process', dir, bundle: await readManifest(dir) };
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
  await withZip(csarPath, async (zip) => {
    const items = await listEntries(zip);
    const layout = await readLayout(zip, items);
    const { prefix } = layout;
    if (layout.kind === 'process') {
      const base = prefix + PROCESS_BUNDLE_DIR;
      await extractEntries(zip, picks(items, (name) => (name.startsWith(base) && name !== base ? name.slice(base.length) : undefined)), target, 'the process bundle');
      return;
    }
    if (layout.kind === 'helm') throw new BundleInvalidError(HELM_NOT_SUPPORTED);
    if (layout.kind === 'none') throw new BundleInvalidError(`the package has no ${PROCESS_BUNDLE_DIR} folder and no Kubernetes YAML under ${KUBERNETES_DIR}: nothing this node can run`);
    const wanted = new Set([...layout.kubeFiles, ...layout.imageArchives, ...(layout.manifest ? [layout.manifest] : [])].map((n) => prefix + n));
    await extractEntries(zip, picks(items, (name) => (wanted.has(name) ? name.slice(prefix.length) : undefined)), target, 'the container app');
    const files: TContainerBundleFile = { kubeFiles: layout.kubeFiles, imageArchives: layout.imageArchives, manifest: layout.manifest ?? null };
    await writeFile(join(target, CONTAINER_BUNDLE_FILE), JSON.stringify(files));
  });
}

function picks(items: TZipItem[], relativeOf: (name: string) => string | undefined): TPick[] {
  return items.flatMap((item) => {
    const relative = relativeOf(item.name);
    return relative === undefined ? [] : [{ ...item, relative }];
  });
}
