/**
 * Hello Container's build: a valid MEC 037 CSAR whose AppD produces `hello-container` and pins
 * the image archive's digest (the AppD's swImageDescriptor names the reference the Kubernetes
 * YAML runs); the same busybox always gives the same archive and package bytes; without
 * busybox-static the sample is skipped with the reason, and nothing half-built is left.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatePackage } from '@mecport/app-package';
import { readWorkload } from '@mecport/app-package/workload';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSample, IMAGE_ARCHIVE, IMAGE_NAME, SAMPLE, type TBuiltSample } from './build-sample';

const work = await mkdtemp(path.join(tmpdir(), 'hello-container-pkg-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function built(name: string): Promise<TBuiltSample> {
  const result = await buildSample({ distDir: path.join(work, name) });
  if ('unavailable' in result) throw new Error(`${result.unavailable}: these tests build the real image (apt-get install -y busybox-static)`);
  return result;
}

describe('the Hello Container package', () => {
  it('builds to a valid CSAR whose AppD produces hello-container and pins the archive\'s image digest', async () => {
    const sample = await built('one');
    const report = await validatePackage(sample.csar);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.appd).toMatchObject({ appName: SAMPLE.name, appSoftVersion: SAMPLE.version, appServiceProduced: [{ serName: SAMPLE.serviceName }] });
    const image = report.appd?.swImageDescriptor;
    expect(`${image?.name}:${image?.version}`).toBe(IMAGE_NAME);
    expect(image?.swImage).toBe(IMAGE_ARCHIVE);
    expect(`sha256:${image?.checksum?.hash}`).toBe(sample.image.digest);
    const pod = parse(await readFile(path.join(sample.packageDir, 'Artifacts/Deployment/Kubernetes/hello-container.yaml'), 'utf8')) as { spec: { containers: { image: string; ports: { containerPort: number }[] }[] } };
    expect(pod.spec.containers[0]).toMatchObject({ image: IMAGE_NAME, ports: [{ containerPort: SAMPLE.port }] });
    // What the portal makes of it (its reader, the one deployments use): a container app whose
    // image comes from the package's archive, pinned to the digest Podman will report.
    expect(await readWorkload(sample.csar, report.appd)).toEqual({
      runtime: 'container', ports: [SAMPLE.port], kubeFiles: ['Artifacts/Deployment/Kubernetes/hello-container.yaml'],
      images: [{ name: IMAGE_NAME, digest: sample.image.digest, archive: IMAGE_ARCHIVE }],
    });
    expect(report.checks).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'workload.kubernetes', status: 'pass' }),
      expect.objectContaining({ id: 'workload.images', status: 'pass', message: expect.stringContaining(`pinned to ${sample.image.digest}`) as unknown }),
    ]));
  });

  it('gives the same archive and package bytes on every build', async () => {
    const [a, b] = [await built('a'), await built('b')];
    expect(b.image).toEqual(a.image);
    expect(b.csarSha256).toBe(a.csarSha256);
    const [archiveA, archiveB] = await Promise.all([a, b].map((s) => readFile(path.join(s.packageDir, IMAGE_ARCHIVE))));
    expect(archiveB!.equals(archiveA!)).toBe(true);
  });

  it('is skipped, saying why, when busybox-static is not installed', async () => {
    const distDir = path.join(work, 'no-busybox');
    const result = await buildSample({ distDir, busyboxPath: path.join(work, 'no-such-busybox') });
    expect(result).toEqual({ unavailable: expect.stringContaining('busybox-static') as unknown });
    expect(await readFile(path.join(distDir, 'UNAVAILABLE.txt'), 'utf8')).toContain('unavailable');
    await expect(stat(path.join(distDir, 'package'))).rejects.toThrow();
    await expect(stat(path.join(distDir, `${SAMPLE.name}-${SAMPLE.version}.csar`))).rejects.toThrow();
  });
});
