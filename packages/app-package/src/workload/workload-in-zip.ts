/**
 * What a package runs as, read from its open archive: a process bundle (process + its ports),
 * Kubernetes YAML (container: files, ports, images with archive and digest), only a Helm chart
 * (helm: not deployable) or nothing runnable (none). Shared by `readWorkload` (the portal, at a
 * version's first deployment) and the validation report (`check-workload.ts`).
 */
import { HELM_CHARTS_DIR, IMAGES_DIR, KUBERNETES_DIR, readKubeWorkload, type TAppWorkload, type TKubeFile, type TKubeIssue } from '@mecport/contracts';
import { parseAllDocuments } from 'yaml';
import { processBundleIn } from '../csar/process-bundle';
import type { SafeZip } from '../zip/safe-zip';
import { resolveImage, type TImagePin } from './image-pins';

/** Largest Kubernetes YAML file read (the AppD's own limit). */
const MAX_KUBE_BYTES = 4 * 1024 ** 2;

export interface TWorkloadRead {
  workload: TAppWorkload;
  /** The Kubernetes YAML's problems (syntax and readKubeWorkload's refusals), by file and field. */
  issues: TKubeIssue[];
}

/** The package's top folder (EdgeGallery), with its "/", or "". */
export function workloadPrefix(zip: SafeZip): string {
  const meta = zip.files.find((f) => /^([^/]+\/)?TOSCA-Metadata\/TOSCA\.meta$/.test(f.name));
  if (meta) return meta.name.slice(0, -'TOSCA-Metadata/TOSCA.meta'.length);
  if (zip.files.some((f) => f.name.startsWith('Artifacts/'))) return '';
  const nested = zip.files.find((f) => /^[^/]+\/Artifacts\//.test(f.name));
  return nested ? nested.name.slice(0, nested.name.indexOf('/') + 1) : '';
}

/** Files under `dir` (relative to the top folder), sorted. */
function filesUnder(zip: SafeZip, prefix: string, dir: string, pattern: RegExp): string[] {
  return zip.files.filter((f) => f.name.startsWith(prefix)).map((f) => f.name.slice(prefix.length)).filter((n) => n.startsWith(dir) && pattern.test(n)).sort();
}

async function kubeFilesOf(zip: SafeZip, prefix: string, paths: string[], issues: TKubeIssue[]): Promise<TKubeFile[]> {
  const out: TKubeFile[] = [];
  for (const file of paths) {
    const entry = zip.file(prefix + file)!;
    if (entry.size > MAX_KUBE_BYTES) { issues.push({ where: file, message: `${entry.size} bytes, over ${MAX_KUBE_BYTES}` }); continue; }
    const docs = parseAllDocuments((await zip.read(entry, MAX_KUBE_BYTES)).toString('utf8'), { uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    const errors = list.flatMap((d) => d.errors);
    if (errors.length > 0) { issues.push({ where: file, message: `not valid YAML: ${errors[0]!.message.split('\n')[0]}` }); continue; }
    try {
      out.push({ file, docs: list.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown) });
    } catch (error) {
      issues.push({ where: file, message: `not valid YAML: ${(error as Error).message}` });
    }
  }
  return out;
}

/** Top-level chart names under Artifacts/Deployment/Charts/ (`x.tgz` or a chart folder `x/`). */
function chartsOf(zip: SafeZip, prefix: string): string[] {
  const names = filesUnder(zip, prefix, HELM_CHARTS_DIR, /./).map((n) => HELM_CHARTS_DIR + n.slice(HELM_CHARTS_DIR.length).split('/')[0]!);
  return [...new Set(names)];
}

export async function workloadIn(zip: SafeZip, prefix: string, pins: TImagePin[]): Promise<TWorkloadRead> {
  const bundle = await processBundleIn(zip);
  if (bundle) return { workload: { runtime: 'process', ports: bundle.ports.map((p) => p.port) }, issues: [] };
  const yamls = filesUnder(zip, prefix, KUBERNETES_DIR, /\.ya?ml$/i);
  if (yamls.length > 0) {
    const issues: TKubeIssue[] = [];
    const kube = readKubeWorkload(await kubeFilesOf(zip, prefix, yamls, issues));
    issues.push(...kube.issues);
    const archives = filesUnder(zip, prefix, IMAGES_DIR, /\.tar$/i);
    const images = kube.images.map((image) => resolveImage(image, pins, archives));
    return { workload: { runtime: 'container', ports: kube.ports.map((p) => p.port), kubeFiles: yamls, images }, issues };
  }
  const charts = chartsOf(zip, prefix);
  if (charts.length > 0) return { workload: { runtime: 'helm', charts }, issues: [] };
  return { workload: { runtime: 'none' }, issues: [] };
}
