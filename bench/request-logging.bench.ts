/**
 * What the per-request JSON log line costs on the agents' hot paths. The request pipeline of
 * `@mecport/http` (`request-logging-server.ts`: route declaration, zod, request id, one pino line
 * per request) on a bare node:http server, without the database, so that the log is a large part
 * of the work, under autocannon, through `npm start`'s prefixer (`request-logging-host.ts` runs
 * the server with `startChild`, as `npm start` runs the portal), in these set-ups:
 * - `silent`: no request lines (LOG_LEVEL=silent), the floor;
 * - `every line, per-line prefixer`: LOG_LEVEL=debug (every request a line) relayed with one
 *   write per line, as `npm start` did before 2026-12-04;
 * - `every line`: the same through today's prefixer (one write per chunk);
 * - `info (default)`: LOG_LEVEL=info: successful long-polls logged one in 100 (heartbeats, being
 *   POSTs, are all logged, so this set-up is the previous one for them and is skipped).
 * Two rounds, set-ups alternating. For each: requests/s, p50/p99, and the CPU seconds of the
 * server and of the prefixer per 10,000 requests (steadier than req/s on a shared machine, where
 * autocannon shares the cores). Prints figures, asserts nothing. The prefixer's own output goes to
 * /dev/null (a terminal would cost it more).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { waitForHttp } from '../scripts/lib/children';
import { cmdline, cpuSeconds, descendants } from './proc-stats';

const PORT = 3290;
const CONNECTIONS = 32;
const DURATION_SECONDS = Number(process.env.BENCH_LOG_SECONDS ?? 10);
const NODE_ID = randomUUID();
const HEARTBEAT = JSON.stringify({
  agentVersion: 'bench', appliedRevision: 3, instances: [], services: [],
  metrics: { cpuPercent: 3, memUsedBytes: 2e9, memTotalBytes: 8e9, diskUsedBytes: 2e10, diskTotalBytes: 1e11, load1: 0.2, load5: 0.2, load15: 0.1 },
});

interface TSetup { name: string; logLevel: string; env?: Record<string, string>; longPollOnly?: boolean }

const SETUPS: TSetup[] = [
  { name: 'silent (no request lines)', logLevel: 'silent' },
  { name: 'every line, per-line prefixer', logLevel: 'debug', env: { BENCH_PREFIXER: 'per-line' } },
  { name: 'every line', logLevel: 'debug' },
  { name: 'info (default)', logLevel: 'info', longPollOnly: true },
];
const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 2);

const here = import.meta.dirname;

function start(setup: TSetup): ChildProcess {
  const devNull = openSync('/dev/null', 'w');
  return spawn(process.execPath, ['--import', 'tsx', path.join(here, 'request-logging-host.ts')], {
    cwd: path.resolve(here, '..'), stdio: ['ignore', devNull, 'inherit'],
    env: { ...process.env, ...setup.env, LOG_LEVEL: setup.logLevel, BENCH_PORT: String(PORT) },
  });
}

/** The host's child running the server. */
function serverPid(top: ChildProcess): number {
  const below = descendants(top.pid!).filter((pid) => cmdline(pid).includes('request-logging-server'));
  if (!below.length) throw new Error('the bench server is not running');
  return below.at(-1)!;
}

async function stop(top: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => top.once('exit', resolve));
  top.kill('SIGTERM');
  await exited;
}

async function measure(setup: TSetup, what: 'heartbeat' | 'long-poll'): Promise<void> {
  const top = start(setup);
  try {
    const url = `http://127.0.0.1:${PORT}/api/v1/edge/nodes/${NODE_ID}/desired`;
    await waitForHttp(url, { timeoutMs: 60_000, isDead: () => top.exitCode !== null });
    const server = serverPid(top);
    const options = what === 'heartbeat'
      ? { url: `http://127.0.0.1:${PORT}/api/v1/edge/nodes/${NODE_ID}/heartbeat`, method: 'POST' as const, body: HEARTBEAT, headers: { 'content-type': 'application/json' } }
      : { url };
    await autocannon({ ...options, connections: CONNECTIONS, duration: 2 }); // warm-up (JIT)
    const cpuBefore = { server: cpuSeconds(server), prefixer: cpuSeconds(top.pid!) };
    const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_SECONDS });
    const per10k = (seconds: number) => ((seconds * 10_000) / Math.max(1, result.requests.total)).toFixed(2);
    const server10k = per10k(cpuSeconds(server) - cpuBefore.server);
    const prefixer10k = per10k(cpuSeconds(top.pid!) - cpuBefore.prefixer);
    const bad = result.non2xx + result.errors + result.timeouts;
    process.stdout.write(
      `${what.padEnd(9)} ${setup.name.padEnd(30)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   ` +
        `CPU s per 10k requests: server ${server10k}, prefixer ${prefixer10k}   (${result.requests.total} requests, ${bad} failed, ${CONNECTIONS} connections, ${DURATION_SECONDS} s)\n`,
    );
  } finally {
    await stop(top);
  }
}

export async function requestLogging(): Promise<void> {
  process.stdout.write(`request logging (bare @mecport/http pipeline, no database; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const what of ['heartbeat', 'long-poll'] as const) {
      for (const setup of SETUPS) if (what === 'long-poll' || !setup.longPollOnly) await measure(setup, what);
    }
  }
}

if (process.argv[1] === import.meta.filename) await requestLogging(); // alone: npx tsx bench/request-logging.bench.ts
