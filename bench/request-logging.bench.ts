/**
 * What the per-request JSON log line costs on the agents' hot paths. The request pipeline of
 * `@mecport/http` (`request-logging-server.ts`: route declaration, zod, request id, one pino line
 * per request) on a bare node:http server, without the database, so that the log is a large part
 * of the work.
 *
 * First, in process (no HTTP, output to /dev/null): CPU microseconds per request of the pipeline
 * without its line, with its line written as it comes (as before 2026-12-04) and with the line
 * buffered (today's logger), median of three alternating runs of 20,000 calls each.
 *
 * Then over HTTP under autocannon, through `npm start`'s prefixer (`request-logging-host.ts` runs
 * the server with `startChild`, as `npm start` runs the portal), in these set-ups:
 * - `silent`: no request lines (LOG_LEVEL=silent), the floor;
 * - `every line, before`: LOG_LEVEL=debug (every request a line), each line written as it comes
 *   and relayed with one write per line, as before 2026-12-04;
 * - `every line`: the same with today's logger (4 KiB buffer) and prefixer (one write per chunk);
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
  { name: 'every line, before', logLevel: 'debug', env: { BENCH_PREFIXER: 'per-line', BENCH_LOG_BUFFER: '0' } },
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

/** CPU microseconds per request of the route pipeline in a tight loop (request-logging-server.ts). */
function tightLoop(what: 'heartbeat' | 'long-poll', logLevel: string, bufferBytes: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'request-logging-server.ts')], {
    cwd: path.resolve(here, '..'), stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'], env: { ...process.env, LOG_LEVEL: logLevel, BENCH_LOG_BUFFER: bufferBytes, BENCH_TIGHT_LOOP: what },
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => {
    const line = err.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) return reject(new Error(`tight loop failed (${code}): ${err}`));
    resolve((JSON.parse(line) as { usPerRequest: number }).usPerRequest);
  }));
}

async function inProcess(): Promise<void> {
  const variants = [['no line', 'silent', '4096'], ['line as it comes', 'debug', '0'], ['line buffered', 'debug', '4096']] as const;
  for (const what of ['heartbeat', 'long-poll'] as const) {
    const runs = variants.map(() => [] as number[]);
    for (let i = 0; i < 3; i++) for (const [v, [, level, buffer]] of variants.entries()) runs[v]!.push(await tightLoop(what, level, buffer));
    const medians = runs.map((xs) => [...xs].sort((a, b) => a - b)[1]!);
    const figures = variants.map(([label], v) => `${label} ${medians[v]!.toFixed(1)} us`).join('   ');
    process.stdout.write(`${what.padEnd(9)} in process, CPU per request   ${figures}   (median of 3 x 20,000 calls)\n`);
  }
}

export async function requestLogging(): Promise<void> {
  process.stdout.write(`request logging (bare @mecport/http pipeline, no database; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  await inProcess();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const what of ['heartbeat', 'long-poll'] as const) {
      for (const setup of SETUPS) if (what === 'long-poll' || !setup.longPollOnly) await measure(setup, what);
    }
  }
}

if (process.argv[1] === import.meta.filename) await requestLogging(); // alone: npx tsx bench/request-logging.bench.ts
