/**
 * The dry run of a rule change: per node, the conflicts of the rule set the change would make
 * (over its ACTIVE rules), the diff and the flows whose fate changes; then the report over all
 * nodes. Pure functions: the caller reads the rule sets, this only compares them.
 *
 * @example
 *   const report = dryRunReport([{ nodeId, nodeName, adapter: 'nftables', before, after }]);
 *   if (!report.canApply) showFindings(report.nodes.flatMap((n) => n.findings));
 */
import type { TDryRunNode, TDryRunReport, TRuleFinding } from '@mecport/contracts';
import { capabilitiesOf } from '@mecport/upf-adapters/capabilities';
import { compileRule } from './compiled-rule';
import { dnsConflicts } from './dns-conflicts';
import type { TDryRunNodeInput } from './dry-run-input';
import { flowChanges } from './flow-changes';
import { ruleDiff } from './rule-diff';
import { catchAllDrop, unsupportedByAdapter } from './rule-checks';
import { trafficConflicts } from './traffic-conflicts';

function findingsOf({ adapter, after }: TDryRunNodeInput): TRuleFinding[] {
  const capabilities = capabilitiesOf(adapter);
  const active = after.flatMap((instance) => instance.trafficRules
    .filter((rule) => rule.state === 'ACTIVE')
    .map((rule) => compileRule(instance.appInstanceId, instance.appName, rule)));
  const findings = active.flatMap((rule) => [catchAllDrop(rule), ...unsupportedByAdapter(rule, capabilities)].filter((f) => f !== undefined));
  findings.push(...trafficConflicts(active), ...dnsConflicts(after));
  // Errors first, each group in the order the checks found them.
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}

export function dryRunNode(input: TDryRunNodeInput): TDryRunNode {
  const diff = ruleDiff(input.before, input.after);
  return {
    nodeId: input.nodeId, nodeName: input.nodeName, adapter: input.adapter,
    findings: findingsOf(input),
    diff,
    flows: flowChanges(diff, [...input.before, ...input.after]),
  };
}

export function dryRunReport(nodes: TDryRunNodeInput[]): TDryRunReport {
  const results = nodes.map(dryRunNode);
  let errors = 0;
  let warnings = 0;
  let changes = 0;
  for (const node of results) {
    changes += node.diff.length;
    for (const finding of node.findings) {
      if (finding.severity === 'error') errors++;
      else warnings++;
    }
  }
  const instances = new Set(nodes.flatMap((n) => [...n.before, ...n.after].map((i) => i.appInstanceId))).size;
  return { nodes: results, totals: { nodes: results.length, instances, errors, warnings, changes }, canApply: errors === 0 && changes > 0 };
}
