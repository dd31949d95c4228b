/**
 * A 10-minute scenario with 1,000 UEs on the virtual clock (issue 13, goal: under 30 s of wall
 * time, and the same event sequence on two runs). In process, no stack: the `bench-1000` scenario
 * (600 pedestrians and 400 vehicles over 63 5G cells) run twice with its default seed through
 * `createClock(engine, 'virtual').run(600)`, as a sandbox's run endpoint does.
 */
import { createClock, createEngine, loadScenario } from '@mecport/sandbox';

const SECONDS = Number(process.env.BENCH_SANDBOX_SECONDS ?? 600);

export async function sandboxVirtual(): Promise<void> {
  const scenario = await loadScenario('bench-1000');
  const runs: { wallMs: number; eventCount: number; hash: string }[] = [];
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    const engine = createEngine(scenario, scenario.defaultSeed);
    const setupMs = performance.now() - started;
    const result = await createClock(engine, 'virtual').run(SECONDS);
    runs.push({ wallMs: result.wallMs, eventCount: result.eventCount, hash: result.eventLogSha256 });
    process.stdout.write(`sandbox virtual clock: ${scenario.id}, ${engine.view.ues.size} UEs, ${SECONDS} s of scenario   run ${run + 1}: ${(result.wallMs / 1000).toFixed(2)} s wall (engine set-up ${setupMs.toFixed(0)} ms), ${result.eventCount} events, log sha256 ${result.eventLogSha256.slice(0, 16)}…\n`);
  }
  const same = runs[0]!.hash === runs[1]!.hash && runs[0]!.eventCount === runs[1]!.eventCount;
  process.stdout.write(`  two runs: ${same ? 'the same event log (equal hashes)' : 'DIFFERENT event logs'}   (goal: under 30 s each, equal hashes)\n`);
}
