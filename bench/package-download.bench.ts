/**
 * 100 agents downloading one 200 MB package at once through the edge gateway (the stack's, as
 * `npm start` runs it), against `curl` fetching the same file alone, in one run: curl, the 100,
 * curl again. The package is random bytes put into the stack's blob store; 100 nodes seeded with
 * their own Ed25519 keys get a deployment of its version, so each may download it
 * (core findNodePackage), with a real token signed by the agent's TokenSigner.
 *
 * The 100 downloads are 100 curls too (each with its own node's token), so (a) and (b) differ only
 * in concurrency: the same client alone, then 100 at once. Clients share the gateway's 2 cores, so
 * they must cost little: curl writes to /dev/null and hashes nothing. (Node's http client in this
 * process, counting bytes, cost twice curl's CPU per byte on its own and far more inside the bench
 * process; the clients, not the gateway, set the figure.) Every answer must be a 200 whose
 * Content-Length is the package size, with every byte.
 *
 * BENCH_DOWNLOAD_MB (default 200) and BENCH_DOWNLOAD_AGENTS (default 100) make it smaller.
 */
import { randomFillSync, randomUUID, createPrivateKey } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createBlobStore } from '@mecport/blob-store';
import type { DbClient } from '@mecport/db';
import { TokenSigner } from '../apps/mep-agent/src/channel/token-signer';
import type { TChild } from '../scripts/lib/children';
import { withBenchDb } from './bench-db';
import { cpuSeconds, rssBytes } from './proc-stats';
import { benchOperator, commitRollout, seedNodes, seedPublishedVersion, type TBenchNode } from './edge-fleet-seed';
import { BENCH, gatewayUrl } from './stack';
import { gatewayPid } from './stack-cpu';

const MB = Number(process.env.BENCH_DOWNLOAD_MB ?? 200);
const AGENTS = Number(process.env.BENCH_DOWNLOAD_AGENTS ?? 100);
const MiB = 2 ** 20;
const root = path.resolve(import.meta.dirname, '..');

interface TAgent { node: TBenchNode; signer: TokenSigner }
interface TPackage { digest: string; size: number; path: string }
/** What the gateway spent on one step: CPU seconds, and its RSS before and at the peak. */
interface TGatewayCost { cpu: number; rssBefore: number; rssPeak: number }

export async function packageDownload(stack: TChild): Promise<void> {
  const blobs = createBlobStore({ dataDir: BENCH.dataDir });
  const source = path.join(root, BENCH.dataDir, `download-bench-${randomUUID()}.bin`);
  let digest: string | undefined;
  try {
    await writeRandomFile(source, MB * MiB);
    const stored = await blobs.putFromFile(source, { link: true });
    digest = stored.digest;
    await rm(source);
    const pkg = { digest, size: stored.size, path: `/api/v1/edge/nodes/{nodeId}/packages/${digest}` };
    await withBenchDb(async (db) => {
      const agents = await seedEntitledFleet(db, pkg);
      await measure(stack, agents, pkg);
    });
  } finally {
    await rm(source, { force: true });
    if (digest) await blobs.remove(digest);
  }
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  async function* chunks() {
    for (let left = bytes; left > 0; left -= MiB) yield randomFillSync(Buffer.allocUnsafe(Math.min(MiB, left)));
  }
  await pipeline(chunks(), createWriteStream(file, { flags: 'wx' }));
}

/** AGENTS nodes with a deployment of a version whose package is `pkg`, and an agent client for each. */
async function seedEntitledFleet(db: DbClient, pkg: TPackage): Promise<TAgent[]> {
  // A tenant and label of its own: the edge benches' nodes on the same stack are not targeted.
  const { tenantId, nodes } = await seedNodes(db, { count: AGENTS, tenant: { slug: 'bench-download', name: 'Bench Download' }, label: 'download' });
  const versionId = await seedPublishedVersion(db, tenantId, pkg);
  await commitRollout(db, await benchOperator(db, 'bench-download'), { versionId, selector: 'bench=download', batchSize: AGENTS });
  return nodes.map((node) => {
    return { node, signer: new TokenSigner(createPrivateKey(node.key), { nodeId: node.id, credentialId: node.credentialId }) };
  });
}

const packagePath = (pkg: TPackage, agent: TAgent) => pkg.path.replace('{nodeId}', agent.node.id);
const mbps = (bytes: number, seconds: number) => bytes / MiB / seconds;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function measure(stack: TChild, agents: TAgent[], pkg: TPackage): Promise<void> {
  const gateway = gatewayPid(stack);
  const first = agents[0]!;
  process.stdout.write(`package download: ${(pkg.size / MiB).toFixed(0)} MB package (random bytes), ${agents.length} agents, through the edge gateway ${gatewayUrl}; load average before ${load()}\n`);
  await checkHeaders(first, pkg);
  await curlDownload(first, pkg); // warm-up, not counted: the route's first call compiles and connects
  const before = await withGatewayCost(gateway, () => curlDownload(first, pkg));
  const fleet = await withGatewayCost(gateway, () => fleetDownload(agents, pkg));
  const after = await withGatewayCost(gateway, () => curlDownload(first, pkg));
  const curlMbps = [before.result, after.result].map((seconds) => mbps(pkg.size, seconds));
  const total = pkg.size * agents.length;
  const times = fleet.result.times.sort((a, b) => a - b);
  const aggregate = mbps(total, fleet.result.seconds);
  const row = (what: string, rate: number, seconds: number, cost: TGatewayCost, bytes: number) =>
    `${what.padEnd(44)} ${rate.toFixed(0).padStart(6)} MB/s   ${seconds.toFixed(2).padStart(6)} s   gateway CPU ${cost.cpu.toFixed(2)} s (${(cost.cpu / (bytes / 2 ** 30)).toFixed(2)} s/GiB)   gateway RSS ${(cost.rssBefore / MiB).toFixed(0)} -> peak ${(cost.rssPeak / MiB).toFixed(0)} MB\n`;
  process.stdout.write(row('curl alone, before', curlMbps[0]!, before.result, before, pkg.size));
  process.stdout.write(row(`${agents.length} agents at once, aggregate`, aggregate, fleet.result.seconds, fleet, total));
  process.stdout.write(row('curl alone, after', curlMbps[1]!, after.result, after, pkg.size));
  process.stdout.write(`${agents.length} agents: per download p50 ${percentile(times, 50).toFixed(2)} s   p99 ${percentile(times, 99).toFixed(2)} s   max ${times.at(-1)!.toFixed(2)} s; ${agents.length} x 200 with Content-Length and all ${pkg.size} bytes; the ${agents.length} curls' CPU ${fleet.result.clientCpu.toFixed(2)} s; the last curl started ${fleet.result.spawning.toFixed(2)} s after the first\n`);
  process.stdout.write(`aggregate / curl alone   ${(aggregate / ((curlMbps[0]! + curlMbps[1]!) / 2)).toFixed(2)}x (against the mean of the two curl runs); load average after ${load()}\n`);
}

/** Runs `work` while sampling the gateway's RSS every 100 ms; its CPU seconds over the whole step. */
async function withGatewayCost<T>(gateway: number, work: () => Promise<T>): Promise<TGatewayCost & { result: T }> {
  const rssBefore = rssBytes(gateway);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssBytes(gateway)); }, 100);
  const cpuBefore = cpuSeconds(gateway);
  try {
    const result = await work();
    return { result, cpu: cpuSeconds(gateway) - cpuBefore, rssBefore, rssPeak: Math.max(rssPeak, rssBytes(gateway)) };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * One download by Debian's curl with the agent's Authorization header, to /dev/null; throws unless
 * a 200 whose Content-Length is the package size, with every byte. Its time from start to last byte.
 */
async function curlDownload(agent: TAgent, pkg: TPackage): Promise<number> {
  const { stdout } = await promisify(execFile)('curl', [
    '-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download} %header{content-length} %{time_total}',
    '-H', `Authorization: Bearer ${await agent.signer.token()}`, `${gatewayUrl}${packagePath(pkg, agent)}`,
  ]);
  const [status, size, contentLength, seconds] = stdout.trim().split(' ').map(Number);
  if (status !== 200 || size !== pkg.size || contentLength !== pkg.size) throw new Error(`curl: ${status} with ${size} bytes and Content-Length ${contentLength}, not 200 with ${pkg.size}`);
  return seconds!;
}

/** CPU seconds of this process's ended children (the curls), from /proc/self/stat (cutime + cstime). */
function childrenCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * Every agent starts its download at once; each one's time from its start to its last byte. The
 * aggregate's window runs from the first curl's start (its end less its own time_total) to the last
 * byte: starting 100 processes takes seconds on a loaded machine, and `spawning` says how many.
 */
async function fleetDownload(agents: TAgent[], pkg: TPackage): Promise<{ seconds: number; spawning: number; times: number[]; clientCpu: number }> {
  await Promise.all(agents.map((a) => a.signer.token())); // signed beforehand, as a running agent has its token
  const cpuBefore = childrenCpu();
  const runs = await Promise.all(agents.map(async (agent) => {
    const seconds = await curlDownload(agent, pkg);
    return { seconds, start: performance.now() / 1000 - seconds };
  }));
  const firstStart = Math.min(...runs.map((r) => r.start));
  const lastStart = Math.max(...runs.map((r) => r.start));
  return { seconds: performance.now() / 1000 - firstStart, spawning: lastStart - firstStart, times: runs.map((r) => r.seconds), clientCpu: childrenCpu() - cpuBefore };
}

function countBytes(res: http.IncomingMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    res.on('data', (chunk: Buffer) => { bytes += chunk.length; }).once('end', () => resolve(bytes)).once('error', reject);
  });
}

/** One line each: the whole file's Content-Length, and a Range request's 206. */
async function checkHeaders(agent: TAgent, pkg: TPackage): Promise<void> {
  const url = `${gatewayUrl}${packagePath(pkg, agent)}`;
  const authorization = `Bearer ${await agent.signer.token()}`;
  const whole = await headersOf(url, { authorization });
  process.stdout.write(`whole file: ${whole.status}, Content-Length ${whole.headers['content-length'] ?? 'missing'} (${whole.headers['content-length'] === String(pkg.size) ? 'the package size' : `NOT the package size ${pkg.size}`}), Transfer-Encoding ${whole.headers['transfer-encoding'] ?? 'none'}\n`);
  const ranged = await headersOf(url, { authorization, range: 'bytes=1000-1999' }, true);
  process.stdout.write(`Range bytes=1000-1999: ${ranged.status}, Content-Range ${ranged.headers['content-range'] ?? 'missing'}, Content-Length ${ranged.headers['content-length'] ?? 'missing'}, ${ranged.bytes} bytes received\n`);
}

/** Status and headers of a GET; the body is read (and counted) only when `readBody`, else the connection is dropped. */
function headersOf(url: string, headers: Record<string, string>, readBody = false): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers, agent: false }, (res) => {
      const answer = { status: res.statusCode ?? 0, headers: res.headers };
      if (!readBody) {
        res.destroy();
        resolve({ ...answer, bytes: 0 });
        return;
      }
      countBytes(res).then((bytes) => resolve({ ...answer, bytes }), reject);
    }).once('error', reject);
  });
}
