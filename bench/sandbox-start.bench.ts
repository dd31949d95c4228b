/**
 * Sandbox start to ready (issue 13; goal under 5 s): `createSite` on the campus scenario with a
 * loopback network, until the site is ready: the real agent enrolled with the site and serving
 * Mp1 (its first long-poll comes after Mp1 listens; Mp1 answers through the gateway) and the
 * gateway answering the emulated Location API. BENCH_SANDBOX_STARTS (default 10) starts, one
 * after another, each destroyed before the next. The agent runs with `npm start`'s lean flags
 * (scripts/lib/lean-node.ts); the bundle is the one `npm run bench` builds first.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSite, loadScenario } from '../sandbox/src/index';
import { createLoopbackNetwork } from '../sandbox/src/isolation/index';
import { percentile } from './timings';

const STARTS = Number(process.env.BENCH_SANDBOX_STARTS ?? 10);

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function oneStart(): Promise<{ ms: number; agentRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-sandbox-'));
  const scenario = await loadScenario('campus');
  const started = performance.now();
  const site = await createSite({
    sandboxId: randomUUID(), dataDir: path.join(dir, 'site'), network: createLoopbackNetwork('bench on loopback'),
    scenario, seed: 1, clock: 'virtual', expiresAt: new Date(Date.now() + 600_000).toISOString(), rateLimitPerSec: 200,
  });
  try {
    const zones = await site.tryIt(new Request('http://bench.invalid/'), '/location/v2/queries/zones');
    const mp1 = await site.tryIt(new Request('http://bench.invalid/', { headers: { authorization: 'Bearer none' } }), '/mec_service_mgmt/v1/services');
    if (zones.status !== 200 || mp1.status !== 401) throw new Error(`not ready: Location ${zones.status}, Mp1 ${mp1.status} (401 expected without a valid token)`);
    const ms = performance.now() - started;
    const [agentPid] = await (site as unknown as { livePids(): Promise<number[]> }).livePids();
    return { ms, agentRssMb: agentPid ? await rssMb(agentPid) : 0 };
  } finally {
    await site.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function sandboxStart(): Promise<void> {
  const runs: { ms: number; agentRssMb: number }[] = [];
  for (let i = 0; i < STARTS; i += 1) runs.push(await oneStart());
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const rss = runs.map((r) => r.agentRssMb).sort((a, b) => a - b);
  process.stdout.write(
    `sandbox start to ready (${STARTS} starts, campus, loopback): p50 ${percentile(ms, 50).toFixed(0)} ms   p95 ${percentile(ms, 95).toFixed(0)} ms   max ${ms.at(-1)!.toFixed(0)} ms (goal < 5000 ms)` +
      `   agent RSS at ready p50 ${percentile(rss, 50).toFixed(1)} MB\n`,
  );
}
