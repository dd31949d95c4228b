import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELM_NOT_SUPPORTED } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, readWorkload, validatePackage, type TValidationReport } from './index';
import { egPackage } from './testing/edgegallery-package';

const HELLO_MEC = join(import.meta.dirname, '../examples/hello-mec');
const HELLO_EDGE = join(import.meta.dirname, '../examples/hello-edge');
const IMAGE = '127.0.0.1:5055/demo/hello:1.0';
const HASH = 'ab'.repeat(32);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'workload-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const POD = (extra = '', image = IMAGE) => `apiVersion: v1
kind: Pod
metadata: { name: hello }
spec:
  containers:
    - name: hello
      image: ${image}
      ports: [{ name: http, containerPort: 8091 }]
${extra}`;

const SERVICE = `---
apiVersion: v1
kind: Service
metadata: { name: hello }
spec: { ports: [{ port: 8091 }] }
`;

interface TContainerPackage {
  yaml?: Record<string, string>;
  images?: Record<string, string>;
  /** The AppD's sw_image artifact: its file and properties (name, version, checksum). */
  swImage?: { file: string; name: string; version?: string; hash?: string };
  charts?: boolean;
}

/** hello-mec with its Helm chart replaced by Kubernetes YAML (and image archives), built into a CSAR. */
async function containerPackage(name: string, options: TContainerPackage): Promise<string> {
  const folder = join(dir, name);
  await cp(HELLO_MEC, folder, { recursive: true });
  if (!options.charts) await rm(join(folder, 'Artifacts/Deployment/Charts'), { recursive: true });
  for (const [file, text] of Object.entries({ ...(options.yaml ?? {}), ...(options.images ?? {}) })) {
    await mkdir(join(folder, file, '..'), { recursive: true });
    await writeFile(join(folder, file), text);
  }
  const appdPath = join(folder, 'Definitions/hello-mec.yaml');
  let appd = await readFile(appdPath, 'utf8');
  const sw = options.swImage ?? { file: 'Artifacts/ChangeLog.txt', name: 'not-an-image' };
  appd = appd.replace('file: Artifacts/Deployment/Charts/hello-mec.tgz', `file: ${sw.file}`).replace('            name: hello-mec\n', `            name: "${sw.name}"\n`);
  if (sw.version) appd = appd.replace("version: '1.0.0'\n            checksum", `version: '${sw.version}'\n            checksum`);
  appd = appd.replace('hash: 0000000000000000000000000000000000000000000000000000000000000000', `hash: ${sw.hash ?? '00'.repeat(32)}`);
  await writeFile(appdPath, appd);
  const out = `${folder}.csar`;
  await buildPackage({ dir: folder, out });
  return out;
}

const checksOf = (report: TValidationReport, id: string) => report.checks.filter((c) => c.id === id);

describe('readWorkload', () => {
  it('reads a process bundle as a process app with its declared ports', async () => {
    const folder = join(dir, 'edge');
    await cp(HELLO_EDGE, folder, { recursive: true });
    await buildPackage({ dir: folder, out: `${folder}.csar` });
    const bundle = JSON.parse(await readFile(join(folder, 'Artifacts/Deployment/Process/process.json'), 'utf8')) as { ports: { port: number }[] };
    expect(await readWorkload(`${folder}.csar`)).toEqual({ runtime: 'process', ports: bundle.ports.map((p) => p.port) });
  });

  it('reads Kubernetes YAML as a container app: ports, files, the archive the AppD names and the digest it pins', async () => {
    const csar = await containerPackage('pinned', {
      yaml: { 'Artifacts/Deployment/Kubernetes/hello.yaml': POD() + SERVICE },
      images: { 'Artifacts/Images/hello-image.tar': 'an image archive' },
      swImage: { file: 'Artifacts/Images/hello-image.tar', name: IMAGE, hash: HASH.toUpperCase() },
    });
    const report = await validatePackage(csar);
    expect(await readWorkload(csar, report.appd)).toEqual({
      runtime: 'container', ports: [8091], kubeFiles: ['Artifacts/Deployment/Kubernetes/hello.yaml'],
      images: [{ name: IMAGE, archive: 'Artifacts/Images/hello-image.tar', digest: `sha256:${HASH}` }],
    });
    expect((await readWorkload(csar)).runtime === 'container' && (await readWorkload(csar))).toMatchObject({ images: [{ name: IMAGE }] });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checksOf(report, 'workload.kubernetes')).toEqual([expect.objectContaining({ status: 'pass', file: 'Artifacts/Deployment/Kubernetes/hello.yaml' })]);
    expect(checksOf(report, 'workload.images')).toEqual([expect.objectContaining({ status: 'pass', message: expect.stringContaining(`pinned to sha256:${HASH}`) as string })]);
  });

  it('finds an archive by the image\'s name when the AppD names none, and leaves a registry image unpinned', async () => {
    const other = '127.0.0.1:5055/demo/other:2.0';
    const csar = await containerPackage('by-name', {
      yaml: { 'Artifacts/Deployment/Kubernetes/a.yaml': POD(), 'Artifacts/Deployment/Kubernetes/b.yml': POD('', other).replace(/hello/g, 'second').replace('8091', '8092') },
      images: { 'Artifacts/Images/hello_1.0.tar': 'archive' },
    });
    const workload = await readWorkload(csar);
    expect(workload).toEqual({
      runtime: 'container', ports: [8091, 8092], kubeFiles: ['Artifacts/Deployment/Kubernetes/a.yaml', 'Artifacts/Deployment/Kubernetes/b.yml'],
      images: [{ name: IMAGE, archive: 'Artifacts/Images/hello_1.0.tar' }, { name: other }],
    });
    const report = await validatePackage(csar);
    expect(report.ok).toBe(true);
    const warned = checksOf(report, 'workload.images').filter((c) => c.status === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toContain(`image ${other} is neither in the package`);
  });

  it('pins a registry image by name:version of the swImageDescriptor', async () => {
    const csar = await containerPackage('name-version', {
      yaml: { 'Artifacts/Deployment/Kubernetes/hello.yaml': POD() },
      swImage: { file: 'Artifacts/ChangeLog.txt', name: '127.0.0.1:5055/demo/hello', version: '1.0', hash: HASH },
    });
    const report = await validatePackage(csar);
    expect(await readWorkload(csar, report.appd)).toMatchObject({ images: [{ name: IMAGE, digest: `sha256:${HASH}` }] });
  });

  it('reads a package with only a Helm chart as helm, and one with neither as none', async () => {
    const helm = await containerPackage('helm', { charts: true });
    expect(await readWorkload(helm)).toEqual({ runtime: 'helm', charts: ['Artifacts/Deployment/Charts/hello-mec.tgz'] });
    const report = await validatePackage(helm);
    expect(checksOf(report, 'workload.helm')).toEqual([expect.objectContaining({ status: 'warn', message: `deployment will be refused: ${HELM_NOT_SUPPORTED}` })]);
    expect(await readWorkload(await containerPackage('empty', {}))).toEqual({ runtime: 'none' });
  });

  it('finds Kubernetes YAML and Helm charts under EdgeGallery\'s top folder', async () => {
    const appd = { 'Definition/MainServiceTemplate.yaml': 'tosca_definitions_version: tosca_simple_yaml_1_2\n' };
    const container = join(dir, 'eg-container.csar');
    await writeFile(container, egPackage({ appd, topFolder: 'eg_app', files: { 'Artifacts/Deployment/Kubernetes/app.yaml': POD(), 'Artifacts/Images/hello.tar': 'archive' } }));
    expect(await readWorkload(container)).toMatchObject({ runtime: 'container', kubeFiles: ['Artifacts/Deployment/Kubernetes/app.yaml'], images: [{ name: IMAGE, archive: 'Artifacts/Images/hello.tar' }] });
    const helm = join(dir, 'eg-helm.csar');
    await writeFile(helm, egPackage({ appd, topFolder: 'eg_app' }));
    expect(await readWorkload(helm)).toEqual({ runtime: 'helm', charts: ['Artifacts/Deployment/Charts/app.tgz'] });
  });
});

describe('validation of Kubernetes YAML', () => {
  const refused: [string, string, string][] = [
    ['privileged', '      securityContext: { privileged: true }\n', 'spec.containers[0].securityContext.privileged'],
    ['capabilities', '      securityContext: { capabilities: { add: [NET_ADMIN] } }\n', 'spec.containers[0].securityContext.capabilities.add'],
    ['hostNetwork', '  hostNetwork: true\n', 'spec.hostNetwork'],
    ['hostPath', '  volumes: [{ name: root, hostPath: { path: / } }]\n', 'spec.volumes[0].hostPath'],
  ];
  it.each(refused)('fails a container asking for %s, naming the file and field', async (name, extra, field) => {
    const report = await validatePackage(await containerPackage(`refused-${name}`, { yaml: { 'Artifacts/Deployment/Kubernetes/hello.yaml': POD(extra) } }));
    expect(report.ok).toBe(false);
    const failed = checksOf(report, 'workload.kubernetes').filter((c) => c.status === 'fail');
    expect(failed).toEqual([expect.objectContaining({ file: 'Artifacts/Deployment/Kubernetes/hello.yaml', message: expect.stringContaining(`Artifacts/Deployment/Kubernetes/hello.yaml#1: ${field}`) as string })]);
  });

  it('fails other kinds and YAML that does not parse', async () => {
    const report = await validatePackage(await containerPackage('kinds', {
      yaml: { 'Artifacts/Deployment/Kubernetes/hello.yaml': `${POD()}---\nkind: DaemonSet\nmetadata: { name: d }\n`, 'Artifacts/Deployment/Kubernetes/broken.yaml': 'kind: [Pod\n' },
    }));
    const messages = checksOf(report, 'workload.kubernetes').filter((c) => c.status === 'fail').map((c) => c.message);
    expect(messages).toEqual([expect.stringMatching(/^Artifacts\/Deployment\/Kubernetes\/broken\.yaml: not valid YAML/), expect.stringContaining('hello.yaml#2: kind: kind DaemonSet is not supported')]);
  });
});
