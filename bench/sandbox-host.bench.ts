/**
 * The sandbox host (issue 13) through its control API, as the portal drives it: sandbox create to
 * ready (PUT /sites/{id} until it answers `ready`: network namespaces, the site's servers, the
 * engine, the real MEP agent enrolled) and delete (every process, namespace and file gone), one
 * sandbox at a time, on the campus scenario. The host runs alone, as `npm start` starts it (no
 * portal needed). `BENCH_SANDBOX_RUNS` (default 10) changes the count. Goal: create p95 < 5 s.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { THostSite } from '@mecport/contracts/sandbox';
import { loadScenario } from '../sandbox/src/scenario';
import { startChild, stopChild } from '../scripts/lib/children';
import { assertPortFree } from '../scripts/lib/port-free';
import { sandboxHostRun, waitForSandboxHost } from '../scripts/lib/sandbox-host';
import { BENCH } from './stack';
import { percentile } from './timings';

const exec = promisify(execFile);
const RUNS = Number(process.env.BENCH_SANDBOX_RUNS ?? 10);
const root = path.resolve(import.meta.dirname, '..');

const summary = (ms: number[]): string => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms   p95 ${percentile(sorted, 95).toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms`;
};

export async function sandboxHost(): Promise<void> {
  process.stdout.write(`\n## sandbox host: create to ready and delete through the control API, campus scenario, ${RUNS} sandboxes one at a time\n`);
  await assertPortFree(BENCH.sandboxHostPort, 'bench/stack.ts lists the bench ports; is another bench running without /tmp/mecport-bench.lock?');
  await exec('npm', ['run', '-s', 'build', '-w', '@mecport/mep-agent'], { cwd: root }); // the agent's bundle, as npm start builds it
  const dataDir = path.join(root, BENCH.dataDir, 'sandbox');
  await rm(dataDir, { recursive: true, force: true });
  const run = await sandboxHostRun(dataDir, BENCH.sandboxHostPort);
  const host = startChild('sandbox', ...run.command, { cwd: run.cwd, env: { ...process.env, ...run.env, LOG_LEVEL: 'warn' }, index: 0 });
  try {
    await waitForSandboxHost(run, { timeoutMs: 60_000, isDead: () => host.process.exitCode !== null });
    const call = (method: string, route: string, body?: unknown) => fetch(`${run.url}${route}`, {
      method, headers: { authorization: `Bearer ${run.secret}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const health = await (await call('GET', '/health')).json() as { isolation: unknown };
    process.stdout.write(`isolation: ${JSON.stringify(health.isolation)}\n`);
    const scenario = await loadScenario('campus');
    const createMs: number[] = [];
    const deleteMs: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      const id = randomUUID();
      const started = performance.now();
      const response = await call('PUT', `/sites/${id}`, { scenario, seed: i + 1, clock: 'virtual', expiresAt: new Date(Date.now() + 600_000).toISOString(), rateLimitPerSec: 200 });
      const site = await response.json() as THostSite;
      if (site.status !== 'ready') throw new Error(`sandbox ${i} answered ${response.status} ${JSON.stringify(site)}`);
      const created = performance.now() - started;
      const deleting = performance.now();
      if ((await call('DELETE', `/sites/${id}`)).status !== 204) throw new Error(`sandbox ${i} did not delete`);
      // The first is a warm-up (module loading, the first agent start).
      if (i > 0) {
        createMs.push(created);
        deleteMs.push(performance.now() - deleting);
      }
    }
    process.stdout.write(`create to ready   ${summary(createMs)}   (goal p95 < 5000 ms)\n`);
    process.stdout.write(`delete (nothing left) ${summary(deleteMs)}\n`);
  } finally {
    await stopChild(host);
    await rm(dataDir, { recursive: true, force: true });
  }
}
