/**
 * `container-rss`: the real agent's idle memory with one container app running (the container
 * sample, under real Podman), run as `npm start` runs its demo agent. VmRSS of the agent process
 * only (the container's processes are Podman's, not the agent's), sampled once a second while it
 * idles: heartbeats every 10 s, an open long-poll, Mp1, the pod's supervision. Figures only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../apps/mep-agent/src/testing/sample-app';
import { ContainerBenchNode, containerInstance } from './container-bench-node';
import { samplePackage } from './container-bench-packages';
import { rssBytes } from './proc-stats';

const SAMPLES = 60;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export async function containerRss(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'mecport-bench-container-rss-'));
  const node = await ContainerBenchNode.start({ registries: [], heartbeatSec: 10 });
  try {
    const sample = await samplePackage(work, await freePort());
    await node.deploy(containerInstance(await node.portal.addPackage(node.nodeId, sample.csar), sample.images));
    await sleep(10_000); // past start-up work
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      samples.push(rssBytes(node.pid));
      await sleep(1000);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    process.stdout.write(`container-rss agent idle RSS (one container app running, ${SAMPLES} samples 1 s apart)   min ${mb(sorted[0]!)} MB   median ${mb(sorted[Math.floor(SAMPLES / 2)]!)} MB   max ${mb(sorted.at(-1)!)} MB (goal < 60 MB)\n`);
    await node.removeAll();
  } finally {
    await node.stop();
    await rm(work, { recursive: true, force: true });
  }
}
