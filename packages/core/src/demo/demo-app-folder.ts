/**
 * Writes a demo app's package folder, the input `npx mecport-pkg build` takes:
 *
 *   Definitions/<slug>.yaml                      the MEC 037 AppD (demo-appd.ts)
 *   Artifacts/Deployment/Kubernetes/<slug>.yaml  how the platform runs the app's container
 *   Artifacts/Docs/README.md                     the listing text, English and Chinese
 *   Artifacts/ChangeLog.txt, Licenses/LICENSE.txt
 *
 * Everything is derived from the DEMO_APPS entry, so the same entry always gives the same bytes.
 *
 * @example await writeDemoAppFolder(DEMO_APPS[0]!, '/tmp/edge-video-analytics');
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoApp } from '@mecport/contracts';
import { demoAppdYaml, demoCompute } from './demo-appd';

function kubernetesManifest(app: DemoApp): string {
  const compute = demoCompute(app);
  const arch = app.architecture === 'aarch64' ? 'arm64' : 'amd64';
  return `# ${app.name} ${app.version}: the Deployment and Service the MEC platform creates for this demo app.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app.slug}
  labels: { app: ${app.slug}, version: "${app.version}" }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${app.slug} } }
  template:
    metadata: { labels: { app: ${app.slug} } }
    spec:
      nodeSelector: { kubernetes.io/arch: ${arch} }
      containers:
        - name: ${app.slug}
          image: registry.mecport.example/demo/${app.slug}:${app.version}
          ports: [ { containerPort: 8443 } ]
          resources: { limits: { cpu: "${compute.cpus}", memory: ${compute.memGiB}Gi } }
---
apiVersion: v1
kind: Service
metadata: { name: ${app.slug} }
spec:
  selector: { app: ${app.slug} }
  ports: [ { port: 443, targetPort: 8443, protocol: TCP } ]
`;
}

function readme(app: DemoApp): string {
  const zh = app.descriptionZh ? `\n## ${app.nameZh ?? app.name}\n\n${app.descriptionZh}\n` : '';
  return `# ${app.name}\n\n${app.descriptionEn}\n\nProvider: ${app.provider}. Version ${app.version}, ${app.architecture}.\n${zh}`;
}

/** The folder's files, relative path -> content. */
export function demoAppFiles(app: DemoApp): Record<string, string> {
  const manifestPath = `Artifacts/Deployment/Kubernetes/${app.slug}.yaml`;
  const manifest = kubernetesManifest(app);
  const artefact = { path: manifestPath, sha256: createHash('sha256').update(manifest).digest('hex') };
  return {
    [`Definitions/${app.slug}.yaml`]: demoAppdYaml(app, artefact),
    [manifestPath]: manifest,
    'Artifacts/Docs/README.md': readme(app),
    'Artifacts/ChangeLog.txt': `${app.version}: MECport demo release of ${app.name}\n`,
    'Licenses/LICENSE.txt': `${app.name} (MECport demo package), Apache-2.0\n`,
  };
}

export async function writeDemoAppFolder(app: DemoApp, dir: string): Promise<void> {
  for (const [file, content] of Object.entries(demoAppFiles(app))) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
