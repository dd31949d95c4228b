/** Extraction of container packages (real CSARs built with the codec; no podman needed here). */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELM_NOT_SUPPORTED } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainerPackage, podYaml, rezip } from '../testing/container-package';
import { BundleInvalidError, extractBundle, extractProcessBundle, readExtracted } from './bundle-extract';

let dir: string;
let archive: string;
const sha = (c: string) => c.repeat(64);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'container-bundle-'));
  archive = join(dir, 'image.tar');
  await writeFile(archive, Buffer.from('not really an image, but bytes the manifest covers'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: app }\nspec:\n  ports: [{ port: 8080 }]\n';

describe('a container package', () => {
  it('extracts the YAML, the image archives and the manifest at their package paths, and nothing else', async () => {
    const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml({ image: 'localhost/test/app:1', port: 8080 }), 'service.yml': service }, images: { 'app.tar': archive } });
    const extracted = await extractBundle(csar, join(dir, 'b1'), sha('a'));
    expect(extracted.kind).toBe('container');
    if (extracted.kind !== 'container') return;
    expect(extracted.files).toEqual({ kubeFiles: ['Artifacts/Deployment/Kubernetes/app.yaml', 'Artifacts/Deployment/Kubernetes/service.yml'], imageArchives: ['Artifacts/Images/app.tar'], manifest: 'hello-edge.mf' });
    expect(extracted.kubeFiles).toEqual(extracted.files.kubeFiles.map((f) => join(dir, 'b1', sha('a'), f)));
    expect((await readdir(extracted.dir)).sort()).toEqual(['Artifacts', 'container-bundle.json', 'hello-edge.mf']);
    expect(await readFile(join(extracted.dir, 'Artifacts/Images/app.tar'))).toEqual(await readFile(archive));
    expect(await readFile(join(extracted.dir, 'hello-edge.mf'), 'utf8')).toContain('Source: Artifacts/Images/app.tar');
    expect(extracted.bundle).toMatchObject({ ports: [{ name: 'HTTP', port: 8080 }], restartPolicy: 'always', healthCheck: { http: { port: 8080, path: '/' }, intervalSec: 2 } });
    expect(extracted.bundle.command).toEqual(['podman', 'kube', 'play', ...extracted.files.kubeFiles]);
    // Read back from the folder (the next prepare): the same.
    expect(await readExtracted(extracted.dir)).toEqual(extracted);
  });

  it('is found under EdgeGallery\'s top folder too', async () => {
    const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml({ image: 'localhost/test/app:1', port: 8081 }) }, images: { 'app.tar': archive } });
    const topped = await rezip(csar, join(dir, 'topped.csar'), (name, data) => ({ name: `hello-edge/${name}`, data }));
    const extracted = await extractBundle(topped, join(dir, 'b2'), sha('b'));
    expect(extracted.kind === 'container' && extracted.files).toEqual({ kubeFiles: ['Artifacts/Deployment/Kubernetes/app.yaml'], imageArchives: ['Artifacts/Images/app.tar'], manifest: 'hello-edge.mf' });
    expect(extracted.bundle.ports).toEqual([{ name: 'HTTP', port: 8081 }]);
  });

  it('is not a process bundle for the process runtime\'s callers', async () => {
    const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml({ image: 'localhost/test/app:1', port: 8082 }) } });
    await expect(extractProcessBundle(csar, join(dir, 'b3'), sha('c'))).rejects.toThrow(/it is a container app/);
  });

  it.each([
    ['a privileged container', podYaml({ image: 'localhost/test/app:1', port: 8083, extra: '\n      securityContext: { privileged: true }' }), /app\.yaml#1: spec\.containers\[0\]\.securityContext\.privileged: privileged containers are not allowed/],
    ['a host path', `${podYaml({ image: 'localhost/test/app:1', port: 8084 })}  volumes:\n    - name: root\n      hostPath: { path: / }\n`, /spec\.volumes\[0\]\.hostPath: host paths are not allowed/],
    ['YAML that does not parse', 'kind: Pod\nspec: [unclosed\n', /does not parse: Artifacts\/Deployment\/Kubernetes\/app\.yaml: \S/],
    ['two pods naming one container', `${podYaml({ name: 'one', image: 'localhost/test/app:1', port: 8086 })}---\n${podYaml({ name: 'two', image: 'localhost/test/app:1', port: 8087 })}`, /app\.yaml \(two\): container "app" is also named in Artifacts\/Deployment\/Kubernetes\/app\.yaml \(one\)/],
    ['a kind the node does not run', 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: x }\n', /app\.yaml#1: kind: kind Job is not supported/],
  ])('refuses %s on the node, naming the file and field, and leaves nothing behind', async (_what, yaml, message) => {
    const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': yaml } });
    const bundles = join(dir, `bad-${Math.random()}`);
    const error = await extractBundle(csar, bundles, sha('d')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleInvalidError);
    expect((error as Error).message).toMatch(message);
    expect(await readdir(bundles).catch(() => [])).toEqual([]);
  });

  it('refuses a package with only a Helm chart with the way to convert it', async () => {
    const csar = await buildContainerPackage(dir, { kube: {}, extra: { 'Artifacts/Deployment/Charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n' } });
    const error = await extractBundle(csar, join(dir, 'b5'), sha('e')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleInvalidError);
    expect((error as Error).message).toBe(HELM_NOT_SUPPORTED);
  });

  it('prefers the Kubernetes YAML when a package has both a chart and YAML', async () => {
    const csar = await buildContainerPackage(dir, { kube: { 'app.yaml': podYaml({ image: 'localhost/test/app:1', port: 8085 }) }, extra: { 'Artifacts/Deployment/Charts/app.tgz': 'chart' } });
    expect((await extractBundle(csar, join(dir, 'b6'), sha('f'))).kind).toBe('container');
  });
});
