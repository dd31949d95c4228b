/**
 * `container-running`: a container app from desired state to RUNNING on a real agent with real
 * Podman, p50 and p95 over 10 deployments (each a new instance, removed before the next):
 *
 *   (a) the container sample with its image already present (loaded from the package's archive
 *       by an uncounted first deployment);
 *   (b) the same app on a ~100 MB image (the sample's layer + 100 MB of random data) pulled from
 *       a docker-registry on loopback every time: the image is removed between deployments.
 *
 * The clock starts when the FakePortal publishes the desired state (the agent's long-poll wakes)
 * and stops when the agent's runtime record says RUNNING (the pod is up and its health check
 * answered). Figures only: nothing is asserted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/mep-agent/src/testing/sample-app';
import { ContainerBenchNode, containerInstance } from './container-bench-node';
import { pushBigImage, registryPackage, samplePackage, type TBenchPackage } from './container-bench-packages';
import { startRegistry } from './container-registry';
import { percentile } from './timings';

const DEPLOYMENTS = 10;

async function deployments(node: ContainerBenchNode, pkg: TBenchPackage, between: () => Promise<void>): Promise<number[]> {
  const served = await node.portal.addPackage(node.nodeId, pkg.csar);
  const times: number[] = [];
  for (let i = 0; i < DEPLOYMENTS; i += 1) {
    times.push(await node.deploy(containerInstance(served, pkg.images)));
    await node.removeAll();
    await between();
  }
  return times.sort((a, b) => a - b);
}

function line(what: string, sorted: number[]): string {
  return `container-running ${what}   p50 ${percentile(sorted, 50).toFixed(0)} ms   p95 ${percentile(sorted, 95).toFixed(0)} ms   min ${sorted[0]!.toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms (${sorted.length} deployments)\n`;
}

/** This registry's images in Podman's store, by id (nobody else's: the registry's port is ours). */
async function registryImages(node: ContainerBenchNode, host: string): Promise<string[]> {
  const rows = (await node.podman(['images', '--format', '{{.ID}} {{.Repository}}'])).split('\n').filter(Boolean);
  return [...new Set(rows.map((r) => r.split(' ')).filter(([, repo]) => repo?.startsWith(`${host}/`)).map(([id]) => id!))];
}

export async function containerRunning(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'mecport-bench-container-'));
  const registry = await startRegistry();
  const node = await ContainerBenchNode.start({ registries: [{ host: registry.host, tlsVerify: false }] });
  try {
    const sample = await samplePackage(work, await freePort());
    const warm = await node.portal.addPackage(node.nodeId, sample.csar);
    await node.deploy(containerInstance(warm, sample.images)); // loads the image: not counted
    await node.removeAll();
    process.stdout.write(line('(a) image present (sample, archive in the package)', await deployments(node, sample, async () => undefined)));

    const big = await registryPackage(work, await freePort(), await pushBigImage(work, registry));
    const removeImage = async () => {
      for (const id of await registryImages(node, registry.host)) await node.podman(['rmi', '-f', id]);
    };
    await removeImage();
    process.stdout.write(line('(b) 100 MB image pulled from a loopback registry each time', await deployments(node, big, removeImage)));
  } finally {
    await node.stop();
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  }
}
