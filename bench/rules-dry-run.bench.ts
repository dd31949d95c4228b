/**
 * The dry run of a rule change to 1,000 nodes with 50 rules each (issue 12, goal: the full
 * conflict report in under 2 s). In process, no stack: `dryRunReport` over the fleet of
 * `rules-fleet.ts`, RUNS times after one warm-up, p50 and p99; then the same including what the
 * API adds around it: zod-validating the change request and the rule sets read, and the report.
 */
import { z } from 'zod';
import { ZDryRunReport, ZInstanceRuleSet, ZRuleChangeRequest } from '@mecport/contracts';
import { dryRunReport, type TDryRunNodeInput } from '@mecport/core';
import { ruleFleet } from './rules-fleet';
import { percentile } from './timings';

const NODES = Number(process.env.BENCH_RULE_NODES ?? 1000);
const RUNS = Number(process.env.BENCH_RULE_RUNS ?? 10);
const ZRuleSets = z.array(ZInstanceRuleSet);

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

/** What the API does around the dry run: the request and the rule sets it read, validated; the report, validated. */
function withValidation(fleet: TDryRunNodeInput[]): { validateIn: number; dryRun: number; validateOut: number } {
  const request = { selection: { kind: 'nodes', nodeIds: fleet.map((n) => n.nodeId), appId: fleet[0]!.after[0]!.appInstanceId }, edits: [{ op: 'putTraffic', rule: fleet[0]!.after[0]!.trafficRules.at(-1) }], note: 'bench' };
  const [, validateIn] = timed(() => {
    ZRuleChangeRequest.parse(request);
    for (const node of fleet) { ZRuleSets.parse(node.before); ZRuleSets.parse(node.after); }
  });
  const [report, dryRun] = timed(() => dryRunReport(fleet));
  const [, validateOut] = timed(() => ZDryRunReport.parse(report));
  return { validateIn, dryRun, validateOut };
}

const ms = (sorted: number[]) => `p50 ${percentile(sorted, 50).toFixed(0)} ms   p99 ${percentile(sorted, 99).toFixed(0)} ms`;

export function rulesDryRun(): void {
  const fleet = ruleFleet(NODES);
  const rules = fleet.reduce((sum, n) => sum + n.after.reduce((s, i) => s + i.trafficRules.length + i.dnsRules.length, 0), 0);
  // The first run also warms the JIT and the dry run's caches (parsed addresses, compiled filters): printed on its own.
  const [report, cold] = timed(() => dryRunReport(fleet));
  const { totals } = report;
  process.stdout.write(`rules dry run: ${NODES} nodes, ${rules} rules after the change (${(rules / NODES).toFixed(0)} a node); report: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.changes} changes, ${report.nodes.reduce((s, n) => s + n.flows.length, 0)} flows\n`);
  const byCode = new Map<string, number>();
  for (const finding of report.nodes.flatMap((n) => n.findings)) byCode.set(finding.code, (byCode.get(finding.code) ?? 0) + 1);
  process.stdout.write(`  findings: ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}\n`);
  process.stdout.write(`  first run (cold)                    ${cold.toFixed(0)} ms\n`);
  const plain: number[] = [];
  const full: number[] = [];
  const parts = { validateIn: [] as number[], validateOut: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    plain.push(timed(() => dryRunReport(fleet))[1]);
    const step = withValidation(fleet);
    full.push(step.validateIn + step.dryRun + step.validateOut);
    parts.validateIn.push(step.validateIn);
    parts.validateOut.push(step.validateOut);
  }
  for (const list of [plain, full, parts.validateIn, parts.validateOut]) list.sort((a, b) => a - b);
  process.stdout.write(`  dryRunReport                        ${ms(plain)}   (${RUNS} runs; goal: under 2000 ms)\n`);
  process.stdout.write(`  with zod (request, rule sets, report) ${ms(full)}   of which validating in ${ms(parts.validateIn)}, the report ${ms(parts.validateOut)}\n`);
}
