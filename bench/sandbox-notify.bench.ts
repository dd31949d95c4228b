/**
 * Issue 13's figure for the emulated services: 1,000 moving UEs updated every second in real
 * time, with the Location service notifying zonalTraffic (every zone) and userTracking (every UE)
 * subscribers. The engine, the service and its notifier run in their own process
 * (`sandbox-notify-host.ts`); the subscriber is this process, on loopback, so the CPU figure is the
 * sandbox's alone. Printed: the CPU % of one core the sandbox process used over the measured window
 * (goal < 25 %), and the delay from the tick that caused each notification (its MEC timestamp: the
 * wall time of that tick on the real clock) to its arrival (goal p99 < 100 ms). The first seconds
 * (start-up, subscribing) are left out. Prints figures, asserts nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { mecTimeStampMs, type TMecTimeStamp } from '../sandbox/src/emulated/mec-time';
import { startSubscriber } from '../sandbox/src/emulated/testing/subscriber';
import { cpuSeconds } from './proc-stats';
import { delaySummary, waitFor } from './timings';

const WARMUP_SECONDS = 5;
const MEASURE_SECONDS = Number(process.env.BENCH_SANDBOX_SECONDS ?? 60);

interface THostLine { ready?: boolean; done?: boolean; scenario?: string; ues?: number; zones?: number; events?: number; stats?: Record<string, number>; tickLatenessMs?: number[]; untilSendMs?: number[]; exchangeMs?: number[] }

export async function sandboxNotify(): Promise<void> {
  process.stdout.write(`\nSandbox notifications (1,000 moving UEs, real clock, Location zonalTraffic + userTracking, ${MEASURE_SECONDS} s measured)\n`);
  let windowStartMs = Infinity;
  let windowEndMs = Infinity;
  const delays: number[] = [];
  const subscriber = await startSubscriber((r) => {
    const stamp = (r.body as { zonalPresenceNotification?: { timestamp: TMecTimeStamp } }).zonalPresenceNotification?.timestamp;
    const tickMs = stamp ? mecTimeStampMs(stamp) : NaN;
    if (tickMs >= windowStartMs && tickMs < windowEndMs) delays.push(r.atMs - tickMs);
  });
  const host = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sandbox-notify-host.ts')], {
    cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_CALLBACK: `${subscriber.url}/`, BENCH_RUN_SECONDS: String(WARMUP_SECONDS + MEASURE_SECONDS + 1) },
  });
  const lines: THostLine[] = [];
  createInterface({ input: host.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as THostLine));
  try {
    await waitFor('the sandbox host to start', () => lines.some((l) => l.ready) || host.exitCode !== null, 120_000);
    const ready = lines.find((l) => l.ready);
    if (!ready) throw new Error('the sandbox host exited before it was ready');
    await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
    windowStartMs = Date.now();
    windowEndMs = windowStartMs + MEASURE_SECONDS * 1000;
    const cpuBefore = cpuSeconds(host.pid!);
    await new Promise((resolve) => setTimeout(resolve, MEASURE_SECONDS * 1000));
    const cpu = cpuSeconds(host.pid!) - cpuBefore;
    await waitFor('the sandbox host to finish', () => lines.some((l) => l.done) || host.exitCode !== null, 60_000);
    const done = lines.find((l) => l.done);
    delays.sort((a, b) => a - b);
    process.stdout.write(`  scenario ${ready.scenario}: ${ready.ues} UEs, ${ready.zones} zones; ${done?.events ?? '?'} engine events in the run\n`);
    process.stdout.write(`  sandbox process CPU: ${((cpu / MEASURE_SECONDS) * 100).toFixed(1)} % of one core (goal < 25 %)\n`);
    process.stdout.write(`  notifications in the window: ${delays.length} (${(delays.length / MEASURE_SECONDS).toFixed(1)}/s); dropped ${done?.stats?.dropped ?? '?'}, failed ${done?.stats?.failed ?? '?'}\n`);
    if (delays.length) process.stdout.write(`  tick to subscriber: ${delaySummary(delays)} (goal p99 < 100 ms)\n`);
    const lateness = (done?.tickLatenessMs ?? []).sort((a, b) => a - b);
    if (lateness.length) process.stdout.write(`  of which the tick's own lateness (timer on this machine): ${delaySummary(lateness)}\n`);
    // Whole run (warm-up included): where the time goes inside the sandbox process.
    const untilSend = (done?.untilSendMs ?? []).sort((a, b) => a - b);
    const exchange = (done?.exchangeMs ?? []).sort((a, b) => a - b);
    if (untilSend.length) process.stdout.write(`  tick to the notification's POST starting: ${delaySummary(untilSend)}\n`);
    if (exchange.length) process.stdout.write(`  the POST (connect, send, answer): ${delaySummary(exchange)}\n`);
  } finally {
    if (host.exitCode === null) host.kill('SIGTERM');
    await subscriber.close();
  }
}
