/**
 * 1,000 moving UEs updated every second in real time (issue 13, goal: under 25 % of one core for
 * the sandbox). In process, no stack: the engine alone on its real clock (`bench-1000`, ticks of
 * 1 s) for SECONDS, CPU time from process.cpuUsage over the same wall time, and how late each tick
 * ran after its due time. The emulated services and the gateway add their own share (their benches).
 */
import { createClock, createEngine, loadScenario } from '@mecport/sandbox';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './timings';

const SECONDS = Number(process.env.BENCH_SANDBOX_REALTIME_SEC ?? 30);

export async function sandboxRealtime(): Promise<void> {
  const scenario = await loadScenario('bench-1000');
  const engine = createEngine(scenario, scenario.defaultSeed);
  const clock = createClock(engine, 'real');
  let events = 0;
  engine.onEvent(() => { events += 1; });
  const lateMs: number[] = [];
  let startedMs = 0;
  engine.onTick((timeSec) => lateMs.push(performance.now() - startedMs - timeSec * 1000));
  const cpuBefore = process.cpuUsage();
  startedMs = performance.now();
  clock.start();
  await sleep(SECONDS * 1000);
  clock.pause();
  const wallMs = performance.now() - startedMs;
  const cpu = process.cpuUsage(cpuBefore);
  clock.stop();
  const cpuPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  lateMs.sort((a, b) => a - b);
  process.stdout.write(`sandbox real clock: ${scenario.id}, ${engine.view.ues.size} UEs, ticks of ${scenario.tickSec} s for ${(wallMs / 1000).toFixed(1)} s   CPU ${cpuPct.toFixed(1)} % of one core (user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms)   ${lateMs.length} ticks, ${events} events   tick lateness p50 ${percentile(lateMs, 50).toFixed(1)} ms p99 ${percentile(lateMs, 99).toFixed(1)} ms   (goal: under 25 % of one core)\n`);
}
