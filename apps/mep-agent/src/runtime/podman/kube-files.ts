/**
 * Reads a container app's extracted Kubernetes YAML and checks it with the reader the portal
 * validated it with (readKubeWorkload): the node refuses, with the file and field named, what it
 * would not run even if a portal let it through.
 *
 * @example const workload = await readKubeYaml(spec.container.kubeFiles, spec.bundleDir);
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { readKubeWorkload, type TKubeFile, type TKubeWorkload } from '@mecport/contracts';
import { parseAllDocuments } from 'yaml';

export async function readKubeYaml(paths: string[], bundleDir: string): Promise<TKubeWorkload> {
  const files: TKubeFile[] = [];
  for (const path of paths) {
    const name = path.startsWith(bundleDir) ? relative(bundleDir, path) : path;
    const docs = parseAllDocuments(await readFile(path, 'utf8'));
    const broken = docs.find((doc) => doc.errors.length > 0);
    if (broken) return { pods: [], configMaps: [], images: [], ports: [], issues: [{ where: name, message: `not valid YAML: ${broken.errors[0]!.message}` }] };
    files.push({ file: name, docs: docs.map((doc) => doc.toJS() as unknown) });
  }
  return readKubeWorkload(files);
}
