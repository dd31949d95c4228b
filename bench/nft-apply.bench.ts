/**
 * The nftables adapter's apply time for one app instance with 1,000 traffic rules (issue 12):
 * one `nft -f` that replaces the instance's tables, plus the read-back that confirms every rule,
 * inside a throwaway network namespace (`nft-bench-<run>`, deleted afterwards). The rules mix
 * IPv4 and IPv6, FORWARD (DNAT), DROP, DUPLICATE (dup), PASSTHROUGH and INACTIVE, with port
 * ranges and sets of addresses. Each run applies a different rule set (ports shift), so the
 * kernel replaces the table each time. Needs root; without it, says so and returns.
 * `BENCH_NFT_RULES` (default 1000) and `BENCH_NFT_RUNS` (default 10) change the size.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { NftablesAdapter } from '@mecport/upf-adapters';
import { percentile } from './timings';

const exec = promisify(execFile);
const RULES = Number(process.env.BENCH_NFT_RULES ?? 1000);
const RUNS = Number(process.env.BENCH_NFT_RUNS ?? 10);
const ACTIONS: TTrafficRule['action'][] = ['FORWARD_DECAPSULATED', 'DROP', 'FORWARD_ENCAPSULATED', 'DUPLICATE_DECAPSULATED', 'PASSTHROUGH'];

function rulesFor(run: number): TTrafficRule[] {
  return Array.from({ length: RULES }, (_, i): TTrafficRule => {
    const action = ACTIONS[i % ACTIONS.length]!;
    const v6 = i % 4 === 3;
    const port = 1024 + ((i * 7 + run) % 60_000);
    const steers = action.startsWith('FORWARD') || action.startsWith('DUPLICATE');
    return {
      trafficRuleId: `bench-${i}`, filterType: 'FLOW', priority: i % 256, action, state: i % 10 === 9 ? 'INACTIVE' : 'ACTIVE',
      trafficFilter: [{
        srcAddress: v6 ? [`fd00:${i.toString(16)}::/64`] : [`10.${i % 250}.0.0/16`, `172.16.${i % 250}.7`],
        dstAddress: v6 ? [`fd01::${i.toString(16)}`] : [`192.168.${i % 250}.${1 + (i % 200)}`],
        protocol: [i % 2 ? 'UDP' : 'TCP'], dstPort: [String(port), `${port + 10}-${port + 20}`],
      }],
      ...(steers ? { dstInterface: { interfaceType: 'IP', dstIpAddress: v6 ? 'fd02::2' : '10.250.0.2' } } : {}),
    };
  });
}

export async function nftApply(): Promise<void> {
  process.stdout.write(`\n## nftables apply: ${RULES} rules of one app instance, one nft -f plus read-back, ${RUNS} runs\n`);
  if (process.getuid?.() !== 0) {
    process.stdout.write('skipped: needs root (a network namespace and nft); run `npm run bench` as root, as CI does\n');
    return;
  }
  const netns = `nft-bench-${randomBytes(3).toString('hex')}`;
  await exec('ip', ['netns', 'add', netns]);
  try {
    const adapter = new NftablesAdapter({ netns, nftPath: 'nft', ipPath: 'ip' }, { warn: (msg, fields) => process.stderr.write(`${msg} ${JSON.stringify(fields)}\n`) });
    const appInstanceId = randomUUID();
    const applyMs: number[] = [];
    const listMs: number[] = [];
    let applied = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      const started = performance.now();
      const results = await adapter.apply({ appInstanceId, trafficRules: rulesFor(run), dnsRules: [] });
      const elapsed = performance.now() - started;
      applied = results.filter((r) => r.state === 'applied').length;
      if (applied !== RULES) throw new Error(`only ${applied} of ${RULES} rules applied: ${JSON.stringify(results.find((r) => r.state !== 'applied'))}`);
      const listed = performance.now();
      await adapter.list(appInstanceId);
      if (run > 0) { applyMs.push(elapsed); listMs.push(performance.now() - listed); } // run 0 warms up
    }
    const { stdout } = await exec('ip', ['netns', 'exec', netns, 'nft', 'list', 'ruleset']);
    const nftRules = stdout.split('\n').filter((l) => l.includes('comment "bench-')).length;
    applyMs.sort((a, b) => a - b);
    listMs.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    process.stdout.write(`${applied} of ${RULES} rules applied per run (${nftRules} nft rules in 2 tables, 3 chains each)\n`);
    process.stdout.write(`apply (nft -f + read-back): p50 ${ms(percentile(applyMs, 50))}   p99 ${ms(percentile(applyMs, 99))}   min ${ms(applyMs[0]!)}\n`);
    process.stdout.write(`list alone (read-back of both tables): p50 ${ms(percentile(listMs, 50))}   p99 ${ms(percentile(listMs, 99))}\n`);
  } finally {
    await exec('ip', ['netns', 'del', netns]);
  }
}
