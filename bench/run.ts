/**
 * `npm run bench`: starts the stack on benchmark ports, runs every benchmark, prints the figures.
 * `BENCH_ONLY=validation,logging,api,upload,search,edge,scale,download,agent,map,nft,dryrun,rules,dns,sandbox-notify,sandbox-host,sandbox-virtual,sandbox-realtime,sandbox-start,container-running,container-rss` runs a subset (while working on one figure).
 */
import os from 'node:os';
import { agentDns } from './agent-dns.bench';
import { agentFootprint } from './agent-footprint.bench';
import { containerRss } from './container-rss.bench';
import { containerRunning } from './container-running.bench';
import { apiLatency } from './api-latency.bench';
import { edgeChannel } from './edge-channel.bench';
import { edgeScale } from './edge-scale.bench';
import { requestLogging } from './request-logging.bench';
import { rulesDryRun } from './rules-dry-run.bench';
import { rulesRollout } from './rules-rollout.bench';
import { sandboxNotify } from './sandbox-notify.bench';
import { sandboxHost } from './sandbox-host.bench';
import { sandboxRealtime } from './sandbox-realtime.bench';
import { sandboxStart } from './sandbox-start.bench';
import { sandboxVirtual } from './sandbox-virtual.bench';
import { mapNodes } from './map-nodes.bench';
import { nftApply } from './nft-apply.bench';
import { packageDownload } from './package-download.bench';
import { buildBenchPackage, packageValidation, removeBenchPackage } from './package-validation.bench';
import { startStack, stopStack } from './stack';
import { storeSearch } from './store-search.bench';
import { upload } from './upload.bench';

const only = new Set((process.env.BENCH_ONLY ?? 'validation,logging,api,upload,search,edge,scale,download,agent,map,nft,dryrun,rules,dns,sandbox-notify,sandbox-host,sandbox-virtual,sandbox-realtime,sandbox-start,container-running,container-rss').split(',').map((s) => s.trim()));
const wants = (name: string): boolean => only.has(name);

process.stdout.write(`MECport benchmarks on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
const needsPackage = wants('validation') || wants('upload');
try {
  const pkg = needsPackage ? await buildBenchPackage() : undefined;
  if (pkg && wants('validation')) await packageValidation(pkg);
  if (wants('logging')) await requestLogging(); // its own bare server: no stack
  if (wants('nft')) await nftApply(); // a throwaway network namespace: no stack
  if (wants('dryrun')) rulesDryRun(); // pure, in process: no stack
  if (wants('dns')) await agentDns(); // the agent's DNS server and dnsmasq on loopback: no stack
  if (wants('sandbox-virtual')) await sandboxVirtual(); // the scenario engine in process: no stack
  if (wants('sandbox-realtime')) await sandboxRealtime(); // the same, on its real clock
  if (wants('sandbox-start')) await sandboxStart(); // sandbox sites on loopback: no stack
  if (wants('sandbox-notify')) await sandboxNotify(); // one sandbox process and a subscriber on loopback: no stack
  if (wants('sandbox-host')) await sandboxHost(); // the sandbox host alone, as npm start runs it: no stack
  if (wants('container-running')) await containerRunning(); // a real agent, a fake portal, Podman and a loopback registry: no stack
  if (wants('container-rss')) await containerRss(); // the same, one container app running
  if (wants('api') || wants('upload') || wants('search') || wants('edge') || wants('scale') || wants('download') || wants('agent') || wants('map') || wants('rules')) {
    const stack = await startStack();
    try {
      if (wants('api')) await apiLatency();
      if (pkg && wants('upload')) await upload(stack, pkg);
      if (wants('search')) await storeSearch();
      if (wants('agent')) await agentFootprint(stack);
      if (wants('edge')) await edgeChannel(stack);
      if (wants('scale')) await edgeScale(stack);
      if (wants('rules')) await rulesRollout(stack);
      if (wants('map')) await mapNodes();
      if (wants('download')) await packageDownload(stack);
    } finally {
      await stopStack(stack);
    }
  }
} finally {
  if (needsPackage) removeBenchPackage();
}
