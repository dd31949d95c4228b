/**
 * The agent's DNS server against dnsmasq on the same machine, in one run (issue 12): both serve
 * the same 100 names (A records, TTL 60) on loopback and get the same dnsperf query file.
 *
 * 1. Throughput: dnsperf for BENCH_DNS_SECONDS (default 10) at saturation (100 queries
 *    outstanding): queries per second of each, and the agent's share of dnsmasq's (goal >= 0.5).
 * 2. Latency: dnsperf -v at a fixed rate both sustain (BENCH_DNS_LATENCY_QPS, default 2,000/s)
 *    for the same duration: p50 and p99 of every query's latency.
 *
 * The agent's server runs in a process of its own, started as the agent starts it (NodeRules
 * applies a desired state of 10 running instances with 10 DNS rules each, bench/agent-dns-host.ts),
 * twice: with the flags the agent is deployed with (deploy/mep-agent, `npm start`: --jitless, no
 * JIT compiler) and with Node's JIT.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LEAN_NODE_ARGS, leanNodeEnv } from '../scripts/lib/lean-node';
import { percentile } from './timings';

const NAMES = 100;
const SECONDS = Number(process.env.BENCH_DNS_SECONDS ?? 10);
const LATENCY_QPS = Number(process.env.BENCH_DNS_LATENCY_QPS ?? 2000);
const ROOT = path.resolve(import.meta.dirname, '..');

interface TRun { qps: number; summary: string; p50Ms?: number; p99Ms?: number }

function desiredState(): { document: unknown; names: { name: string; address: string }[] } {
  const names: { name: string; address: string }[] = [];
  const appInstances = Array.from({ length: NAMES / 10 }, (_, i) => {
    const dnsRules = Array.from({ length: 10 }, (_, j) => {
      const n = i * 10 + j;
      names.push({ name: `app-${n}.mec.example`, address: `10.77.${i}.${j + 1}` });
      return { dnsRuleId: `dns-${n}`, domainName: `app-${n}.mec.example`, ipAddressType: 'IP_V4', ipAddress: `10.77.${i}.${j + 1}`, ttl: 60, state: 'ACTIVE' };
    });
    return { appInstanceId: randomUUID(), appDId: 'bench', appName: `bench-${i}`, appVersionId: randomUUID(), version: '1.0.0', package: { sha256: 'a'.repeat(64), size: 1, path: '/api/v1/edge/bench' }, desiredState: 'RUNNING', env: {}, trafficRules: [], dnsRules, gracefulTerminationSec: 1 };
  });
  return { document: { nodeId: randomUUID(), revision: 1, heartbeatIntervalSec: 10, appInstances, callbackAllowCidrs: [], dataPlane: { adapter: 'memory', settings: {} }, ruleSetVersion: 1 }, names };
}

async function started(child: ChildProcess, what: string, ready: (out: string) => boolean): Promise<void> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (let i = 0; i < 300 && !ready(out); i += 1) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${out}`);
    await sleep(100);
  }
  if (!ready(out)) throw new Error(`${what} did not start: ${out}`);
}

function digA(port: number, name: string): string {
  return spawnSync('dig', ['@127.0.0.1', '-p', String(port), name, 'A', '+short', '+time=2', '+tries=1'], { encoding: 'utf8' }).stdout.trim();
}

function dnsperf(port: number, queries: string, extra: string[]): { stdout: string; summary: string } {
  const result = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', String(SECONDS), ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`dnsperf failed: ${result.stderr}`);
  const summary = result.stdout.slice(result.stdout.indexOf('Statistics:')).trim();
  return { stdout: result.stdout, summary };
}

function measure(label: string, port: number, queries: string): TRun {
  const saturated = dnsperf(port, queries, []);
  const qps = Number(/Queries per second:\s+([\d.]+)/.exec(saturated.summary)?.[1]);
  // `-v` prints each query's latency (`> NOERROR name A 0.000123`); at a fixed rate so printing them does not limit either server.
  const timed = dnsperf(port, queries, ['-v', '-Q', String(LATENCY_QPS)]);
  const latencies = [...timed.stdout.matchAll(/^> \S+ \S+ \S+ ([\d.]+)$/gm)].map((m) => Number(m[1]) * 1000).sort((a, b) => a - b);
  process.stdout.write(`--- ${label}: dnsperf at saturation, ${SECONDS} s\n${saturated.summary}\n--- ${label}: dnsperf -v at ${LATENCY_QPS} queries/s, ${SECONDS} s\n${timed.summary}\n`);
  return { qps, summary: saturated.summary, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function agentDns(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-dns-'));
  const { document, names } = desiredState();
  const documentPath = path.join(work, 'desired.json');
  const queries = path.join(work, 'queries.txt');
  writeFileSync(documentPath, JSON.stringify(document));
  writeFileSync(queries, `${names.map((n) => `${n.name} A`).join('\n')}\n`);
  const ports = { dnsmasq: 25_353, deployed: 25_354, jit: 25_355 };
  const children: ChildProcess[] = [];
  try {
    const dnsmasq = spawn('dnsmasq', [
      '--no-daemon', '--no-resolv', '--no-hosts', '--conf-file=/dev/null', '--bind-interfaces', '--listen-address=127.0.0.1', `--port=${ports.dnsmasq}`,
      '--pid-file', '--user=root', '--cache-size=0', '--local-ttl=60', ...names.map((n) => `--address=/${n.name}/${n.address}`),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(dnsmasq);
    await started(dnsmasq, 'dnsmasq', () => digA(ports.dnsmasq, names[0]!.name) === names[0]!.address);
    const host = (port: number, flags: string[]) => spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/agent-dns-host.ts', String(port), documentPath, work], { cwd: ROOT, env: { ...process.env, ...leanNodeEnv() }, stdio: ['ignore', 'pipe', 'pipe'] });
    const deployed = host(ports.deployed, [...LEAN_NODE_ARGS, '--jitless']);
    const jit = host(ports.jit, LEAN_NODE_ARGS);
    children.push(deployed, jit);
    await started(deployed, 'the agent DNS server (--jitless)', (out) => out.includes('ready'));
    await started(jit, 'the agent DNS server (JIT)', (out) => out.includes('ready'));
    for (const n of [names[0]!, names[NAMES - 1]!]) {
      const answers = [digA(ports.dnsmasq, n.name), digA(ports.deployed, n.name), digA(ports.jit, n.name)];
      if (answers.some((a) => a !== n.address)) throw new Error(`the servers do not answer ${n.name} alike: ${answers.join(' / ')}`);
    }
    process.stdout.write(`DNS: the agent's DNS server vs dnsmasq ${/version [\d.]+/.exec(spawnSync('dnsmasq', ['--version'], { encoding: 'utf8' }).stdout)?.[0] ?? ''}, ${NAMES} names (A, TTL 60), 127.0.0.1, dnsperf ${/Version ([\d.]+)/.exec(spawnSync('dnsperf', ['-H'], { encoding: 'utf8' }).stdout)?.[1] ?? ''}\n`);
    const reference = measure('dnsmasq', ports.dnsmasq, queries);
    const asDeployed = measure('agent DNS server, agent flags as deployed (--jitless)', ports.deployed, queries);
    const withJit = measure('agent DNS server, Node JIT', ports.jit, queries);
    const line = (label: string, run: TRun) => `${label.padEnd(36)} ${run.qps.toFixed(0).padStart(7)} queries/s   ratio ${(run.qps / reference.qps).toFixed(2)}   p50 ${run.p50Ms?.toFixed(3)} ms   p99 ${run.p99Ms?.toFixed(3)} ms (at ${LATENCY_QPS}/s)`;
    process.stdout.write(`${line('dnsmasq', reference)}\n${line('agent, deployed flags (--jitless)', asDeployed)}\n${line('agent, JIT', withJit)}\n(goal: agent/dnsmasq >= 0.5)\n`);
  } finally {
    for (const child of children) await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}
