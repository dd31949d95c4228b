/**
 * A container app's extracted files and what the node makes of them: its Kubernetes YAML read
 * with `readKubeWorkload` (the same reader and security refusals as the portal's validation:
 * the node refuses a privileged container even when a portal let it through), and from it what
 * both runtimes supervise alike, as a process bundle (declared ports, health check, restart
 * policy, memory limit). The bundle folder keeps the package's own paths
 * (`Artifacts/Deployment/Kubernetes/…`, `Artifacts/Images/…`, the manifest), and
 * `container-bundle.json` says which of its files are which.
 *
 * @example const extracted = await readContainerBundle('/data/bundles/ab…'); extracted.bundle.ports;
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readKubeWorkload, type TKubeWorkload, type TProcessBundle } from '@mecport/contracts';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { BundleInvalidError } from './bundle-invalid-error';
import { kubeProcessBundle } from './kube-process-bundle';

export const CONTAINER_BUNDLE_FILE = 'container-bundle.json';

export const ZContainerBundleFile = z.object({
  kubeFiles: z.array(z.string()).min(1),
  imageArchives: z.array(z.string()),
  manifest: z.string().nullable(),
});
export type TContainerBundleFile = z.infer<typeof ZContainerBundleFile>;

export interface TExtractedContainer {
  kind: 'container';
  dir: string;
  /** Derived from the YAML; `command` names the YAML (relative to `dir`) for people reading the record. */
  bundle: TProcessBundle;
  /** Absolute paths of the YAML files. */
  kubeFiles: string[];
  workload: TKubeWorkload;
  files: TContainerBundleFile;
}

const MAX_YAML_BYTES = 1024 * 1024;

export async function readContainerBundle(dir: string): Promise<TExtractedContainer> {
  const files = ZContainerBundleFile.parse(JSON.parse(await readFile(join(dir, CONTAINER_BUNDLE_FILE), 'utf8')));
  const workload = await readWorkload(dir, files.kubeFiles);
  return { kind: 'container', dir, bundle: kubeProcessBundle(workload, files.kubeFiles), kubeFiles: files.kubeFiles.map((f) => join(dir, f)), workload, files };
}

/** Parses and checks the YAML; every problem is named by file and field. */
export async function readWorkload(dir: string, kubeFiles: string[]): Promise<TKubeWorkload> {
  const parsed = [];
  for (const file of kubeFiles) {
    const text = await readFile(join(dir, file), 'utf8');
    if (text.length > MAX_YAML_BYTES) throw new BundleInvalidError(`${file}: larger than ${MAX_YAML_BYTES} bytes`);
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const broken = list.flatMap((d) => d.errors.map((e) => `${file}: ${e.message.split('\n')[0]}`));
    if (broken.length > 0) throw new BundleInvalidError(`the Kubernetes YAML does not parse: ${broken.join('; ')}`);
    parsed.push({ file, docs: list.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown) });
  }
  const workload = readKubeWorkload(parsed);
  const issues = [...workload.issues.map((i) => `${i.where}: ${i.message}`), ...sharedNames(workload)];
  if (issues.length > 0) throw new BundleInvalidError(`the Kubernetes YAML is refused on this node: ${issues.join('; ')}`);
  return workload;
}

/**
 * An app's pods run as one pod on an edge node (the podman runtime merges them), so two of them
 * may not name the same container or volume: refused here, before anything is stopped for it.
 */
function sharedNames(workload: TKubeWorkload): string[] {
  const out: string[] = [];
  for (const what of ['container', 'volume'] as const) {
    const seen = new Map<string, string>();
    for (const pod of workload.pods) {
      const names = what === 'container' ? [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name) : (pod.spec.volumes ?? []).map((v) => v.name);
      for (const name of new Set(names)) {
        const other = seen.get(name);
        if (other) out.push(`${pod.file} (${pod.name}): ${what} ${JSON.stringify(name)} is also named in ${other}; an app's pods run as one pod on an edge node: rename one`);
        else seen.set(name, `${pod.file} (${pod.name})`);
      }
    }
  }
  return out;
}
