/**
 * Measures the agent's idle resident memory with one running app (issue 4: under 60 MB; the app
 * is a separate process and not counted). Run it under the bench lock, the machine is shared:
 *
 *   flock /tmp/mecport-bench.lock npx tsx apps/mep-agent/scripts/footprint.ts [seconds]
 *
 * It builds the bundle (what an edge node runs), enrols it with the stand-in portal of the
 * tests, deploys Hello Edge, waits until the app is RUNNING and ready on Mp1, then samples
 * VmRSS of the agent and of the app from /proc once a second while the agent idles (heartbeats
 * every 10 s, an open long-poll, Mp1 serving).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appProcesses, killApps } from '../src/testing/agent-process';
import { FakePortal } from '../src/testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort, waitFor } from '../src/testing/sample-app';
import { TestNode } from '../src/testing/test-node';
import { bundleAgent } from './bundle';

const seconds = Number(process.argv[2] ?? 60);

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

const work = await mkdtemp(join(tmpdir(), 'agent-footprint-'));
const portal = await FakePortal.start();
const node = await TestNode.enrol(await bundleAgent(join(work, 'mecport-agent.mjs')), portal);
try {
  portal.node(node.nodeId).desired.heartbeatIntervalSec = 10;
  // With its DNS server, as a node runs it (on a loopback port here, not 53).
  const agent = node.start({ LOG_LEVEL: 'info', MECPORT_AGENT_DNS_HOST: '127.0.0.1', MECPORT_AGENT_DNS_PORT: String(await freePort()) });
  const instance = desiredInstance(await portal.addPackage(node.nodeId, await buildHelloEdge(work, { port: await freePort() })));
  node.appIds.add(instance.appInstanceId);
  portal.setDesired(node.nodeId, [instance], 10);
  await node.waitReport(1);
  await waitFor('the app RUNNING and ready', () => portal.node(node.nodeId).heartbeats.some((h) => h.instances.some((i) => i.state === 'RUNNING' && i.ready)), 60_000);
  const [appPid] = await appProcesses(instance.appInstanceId);
  const samples: number[] = [];
  const appSamples: number[] = [];
  for (let i = 0; i < seconds; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await rssMb(agent.pid));
    appSamples.push(await rssMb(appPid!));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  process.stdout.write(
    `mecport-agent idle footprint, Node ${process.version}, one app (Hello Edge) RUNNING and ready, ${seconds} samples 1 s apart\n` +
      `agent RSS   min ${f(sorted[0]!)} MB   median ${f(sorted[Math.floor(sorted.length / 2)]!)} MB   max ${f(sorted.at(-1)!)} MB   (goal < 60 MB)\n` +
      `app RSS     max ${f(Math.max(...appSamples))} MB (separate process, not counted)\n` +
      `heartbeats received: ${portal.node(node.nodeId).heartbeats.length}\n`,
  );
} finally {
  await node.cleanup();
  await killApps([...node.appIds]);
  await portal.stop();
  await rm(work, { recursive: true, force: true });
}
