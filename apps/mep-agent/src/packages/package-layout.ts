/**
 * What a package carries for the node, read from its entry names (and TOSCA.meta): a process
 * bundle, Kubernetes YAML (a container app, with its image archives and the manifest that
 * covers them), only a Helm chart, or nothing runnable. Paths are found under EdgeGallery's top
 * folder as the codec finds them (packages/app-package/src/csar/check-csar.ts `findPrefix`).
 *
 * @example const layout = await readLayout(zip, await listEntries(zip)); layout.kind; // 'container'
 */
import { HELM_CHARTS_DIR, IMAGES_DIR, KUBERNETES_DIR, PROCESS_BUNDLE_DIR } from '@mecport/contracts';
import type yauzl from 'yauzl';
import { readEntry, type TZipItem } from './zip-entries';

export type TPackageLayout =
  | { kind: 'process'; prefix: string }
  | {
      kind: 'container';
      prefix: string;
      /** Names relative to the prefix. */
      kubeFiles: string[];
      imageArchives: string[];
      manifest: string | undefined;
    }
  | { kind: 'helm'; prefix: string }
  | { kind: 'none'; prefix: string };

const META = 'TOSCA-Metadata/TOSCA.meta';
const MAX_META_BYTES = 64 * 1024;

export async function readLayout(zip: yauzl.ZipFile, items: TZipItem[]): Promise<TPackageLayout> {
  const prefix = topFolder(items);
  const under = (dir: string) => items.filter((i) => i.name.startsWith(prefix + dir) && i.name !== prefix + dir);
  if (under(PROCESS_BUNDLE_DIR).length > 0) return { kind: 'process', prefix };
  const relative = (list: TZipItem[]) => list.filter((i) => !i.name.endsWith('/')).map((i) => i.name.slice(prefix.length));
  const kubeFiles = relative(under(KUBERNETES_DIR)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  if (kubeFiles.length > 0) {
    return { kind: 'container', prefix, kubeFiles, imageArchives: relative(under(IMAGES_DIR)).sort(), manifest: await manifestPath(zip, items, prefix) };
  }
  if (under(HELM_CHARTS_DIR).length > 0) return { kind: 'helm', prefix };
  return { kind: 'none', prefix };
}

function rootFiles(items: TZipItem[], prefix: string, pattern: RegExp): string[] {
  return items.map((i) => i.name).filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('/') && pattern.test(n)).map((n) => n.slice(prefix.length));
}

/** "" or "<top>/" when every entry sits under one folder that holds TOSCA.meta or a root .mf (EdgeGallery). */
function topFolder(items: TZipItem[]): string {
  const looksLikeRoot = (p: string) => items.some((i) => i.name === p + META) || rootFiles(items, p, /\.mf$/i).length > 0;
  if (looksLikeRoot('')) return '';
  const tops = new Set(items.map((i) => i.name.split('/')[0]));
  const [top] = [...tops];
  return tops.size === 1 && top && items.every((i) => i.name === top || i.name.startsWith(`${top}/`)) && looksLikeRoot(`${top}/`) ? `${top}/` : '';
}

/** TOSCA.meta's ETSI-Entry-Manifest, else the one .mf at the root (or the .mf beside the root .yaml), as the codec finds it. */
async function manifestPath(zip: yauzl.ZipFile, items: TZipItem[], prefix: string): Promise<string | undefined> {
  const meta = items.find((i) => i.name === prefix + META);
  if (meta) {
    const text = (await readEntry(zip, meta, MAX_META_BYTES)).toString('utf8');
    const declared = /^ETSI-Entry-Manifest:[ \t]*(.+?)\s*$/im.exec(text)?.[1];
    if (declared && items.some((i) => i.name === prefix + declared)) return declared;
  }
  const mfs = rootFiles(items, prefix, /\.mf$/i);
  return mfs.length === 1 ? mfs[0] : undefined;
}
