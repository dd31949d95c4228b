/**
 * Container app packages for tests, built with the real codec: Hello Edge's AppD and licences,
 * the test's Kubernetes YAML under Artifacts/Deployment/Kubernetes/ and its image archives under
 * Artifacts/Images/ (the manifest lists every file with its SHA-256). `rezip` rewrites a built
 * package entry by entry (a top folder, a tampered archive under an unchanged manifest).
 *
 * @example
 *   const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml }, images: { 'app.tar': archivePath } });
 */
import { randomUUID } from 'node:crypto';
import { copyFile, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPackage } from '@mecport/app-package';
import { rawZip, type TRawEntry } from '@mecport/app-package/testing/raw-zip';
import { IMAGES_DIR, KUBERNETES_DIR, PROCESS_BUNDLE_DIR } from '@mecport/contracts';
import yauzl from 'yauzl';
import { HELLO_EDGE_DIR } from './sample-app';

export interface TContainerPackageOptions {
  /** File name under Artifacts/Deployment/Kubernetes/ -> YAML text. */
  kube: Record<string, string>;
  /** File name under Artifacts/Images/ -> an image archive on disk. */
  images?: Record<string, string>;
  /** Other files: path in the package -> content (e.g. a Helm chart). */
  extra?: Record<string, string>;
}

export async function buildContainerPackage(workDir: string, options: TContainerPackageOptions): Promise<string> {
  const dir = join(workDir, `container-app-${randomUUID().slice(0, 8)}`);
  await cp(HELLO_EDGE_DIR, dir, { recursive: true });
  await rm(join(dir, PROCESS_BUNDLE_DIR), { recursive: true });
  for (const [name, text] of Object.entries(options.kube)) await writeIn(dir, KUBERNETES_DIR + name, text);
  for (const [name, path] of Object.entries(options.images ?? {})) {
    await mkdir(join(dir, IMAGES_DIR), { recursive: true });
    await copyFile(path, join(dir, IMAGES_DIR, name));
  }
  for (const [path, text] of Object.entries(options.extra ?? {})) await writeIn(dir, path, text);
  const out = `${dir}.csar`;
  await buildPackage({ dir, out });
  await rm(dir, { recursive: true, force: true });
  return out;
}

async function writeIn(dir: string, path: string, text: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), text);
}

/** Rewrites a package: `change` gets each entry's name and bytes and returns the new ones (undefined: left out). */
export async function rezip(csar: string, out: string, change: (name: string, data: Buffer) => { name: string; data: Buffer } | undefined): Promise<string> {
  const entries: TRawEntry[] = [];
  const zip = await yauzl.openPromise(csar, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      const changed = change(entry.fileName, Buffer.concat(chunks));
      if (changed) entries.push({ ...changed, method: 8 });
    }
  } finally {
    zip.close();
  }
  await writeFile(out, rawZip(entries));
  return out;
}

/** A Pod running `image` with one declared port, for tests. */
export function podYaml(options: { name?: string; image: string; port: number; command?: string[]; restartPolicy?: string; extra?: string }): string {
  const command = options.command ? `\n      command: ${JSON.stringify(options.command)}` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${options.name ?? 'app'}
spec:
  restartPolicy: ${options.restartPolicy ?? 'Always'}
  containers:
    - name: app
      image: ${options.image}${command}
      ports:
        - name: http
          containerPort: ${options.port}
      livenessProbe:
        httpGet: { path: /, port: http }
        periodSeconds: 2${options.extra ?? ''}
`;
}
