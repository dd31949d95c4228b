/**
 * The real agent's idle memory with one running app: the bench stack's demo agent (what
 * `npm start` runs for local-demo-node, from the bundle) against the real portal, once Hello Edge
 * runs and is ready on Mp1. VmRSS of the agent process (the app is a separate process, not
 * counted) sampled once a second while it idles: heartbeats every 10 s, an open long-poll, Mp1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TChild } from '../scripts/lib/children';
import { withBenchDb } from './bench-db';
import { cmdline, descendants, rssBytes } from './proc-stats';

const SAMPLES = 60;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export async function agentFootprint(stack: TChild): Promise<void> {
  await withBenchDb(async (db) => {
    const until = Date.now() + 180_000;
    while (!(await db.appInstance.findFirst({ where: { node: { name: 'local-demo-node' }, state: 'RUNNING', ready: true, removedAt: null } }))) {
      if (Date.now() > until) throw new Error('the demo agent did not get Hello Edge RUNNING and ready within 3 minutes');
      await sleep(1000);
    }
  });
  // The agent's own node process (its bundle runs in-process), not the npm exec that launched it.
  const agent = descendants(stack.process.pid!).find((p) => /mecport-agent(\.mjs)? run /.test(cmdline(p)) && !/\bnpm\b|\bnpx\b/.test(cmdline(p)));
  if (!agent) throw new Error('cannot find the demo agent process');
  await sleep(10_000); // past start-up work
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    samples.push(rssBytes(agent));
    await sleep(1000);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  process.stdout.write(`agent idle RSS (demo agent, Hello Edge running, ${SAMPLES} samples 1 s apart)   min ${mb(sorted[0]!)} MB   median ${mb(sorted[Math.floor(SAMPLES / 2)]!)} MB   max ${mb(sorted.at(-1)!)} MB (goal < 60 MB)\n`);
}
