/**
 * The dry-run report (ZDryRunReport) as the configurator shows it: per node, its errors (they
 * block Apply), its warnings, the diff of its rule set and the flows that change, each as a
 * translation key with values (`rules.findings.<code>`, `rules.flows.<code>`) and the report's
 * English message as the fallback. Nodes with errors come first. A report belongs to the request
 * it was made for: when the draft changes, it is stale and Apply waits for a new dry run.
 *
 * @example
 *   const view = dryRunView(report, appNames);
 *   view.nodes[0].errors[0] // { code: 'overlap_same_priority', values: { ruleId: 'a', other: 'b', app: 'Hello Edge' }, ... }
 */
import type { TMp1DnsRule as TDnsRule, TDryRunReport, TRuleChangeRequest, TMp1TrafficRule as TTrafficRule } from '@mecport/contracts';

type TNode = TDryRunReport['nodes'][number];
type TFinding = TNode['findings'][number];
export type TValues = Record<string, string | number>;
export interface TFindingRow { key: string; code: TFinding['code']; severity: TFinding['severity']; kind: TFinding['kind']; values: TValues; message: string }
export interface TDiffRow { key: string; kind: 'traffic' | 'dns'; ruleId: string; app: string; change: 'added' | 'removed' | 'changed'; before: string | null; after: string | null }
/** `detail`: the flow itself, language-neutral (`UDP 10.45.0.0/16 → 198.51.100.0/24:5000`, `app.example → 10.0.0.7`). */
export interface TFlowRow { key: string; code: TNode['flows'][number]['code']; values: TValues; message: string; detail: string }
export interface TDryRunNodeView { nodeId: string; nodeName: string; adapter: string; errors: TFindingRow[]; warnings: TFindingRow[]; diff: TDiffRow[]; flows: TFlowRow[] }
export interface TDryRunView { nodes: TDryRunNodeView[]; canApply: boolean; totals: TDryRunReport['totals'] }

/** One line for a rule: what it matches and what it does. */
export function ruleSummary(rule: TTrafficRule | TDnsRule): string {
  if ('domainName' in rule) return `${rule.domainName} → ${rule.ipAddress}${rule.ttl !== undefined ? ` (TTL ${rule.ttl})` : ''}${rule.state === 'INACTIVE' ? ' · INACTIVE' : ''}`;
  const filters = rule.trafficFilter.map((f) => {
    const parts = [
      f.srcAddress?.length ? `src ${f.srcAddress.join(',')}` : '', f.dstAddress?.length ? `dst ${f.dstAddress.join(',')}` : '',
      f.dstPort?.length ? `port ${f.dstPort.join(',')}` : '', f.protocol?.length ? f.protocol.join(',') : '',
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(' ') : '*';
  }).join(' | ');
  const to = rule.dstInterface?.dstIpAddress ? ` → ${rule.dstInterface.dstIpAddress}` : '';
  return `P${rule.priority} ${rule.action}${to} [${filters}]${rule.state === 'INACTIVE' ? ' · INACTIVE' : ''}`;
}

function flowDetail(params: TValues): string {
  if (params.flow !== undefined) return `${params.flow}${params.destination !== undefined ? ` → ${params.destination}` : ''}`;
  if (params.domainName !== undefined) return `${params.domainName}${params.ipAddress !== undefined ? ` → ${params.ipAddress}` : ''}`;
  return '';
}

const rank = (n: TDryRunNodeView) => (n.errors.length > 0 ? 0 : n.warnings.length > 0 ? 1 : 2);

export function dryRunView(report: TDryRunReport, appNames: ReadonlyMap<string, string>): TDryRunView {
  const app = (id: string) => appNames.get(id) ?? id.slice(0, 8);
  const nodes = report.nodes.map((node): TDryRunNodeView => {
    const findings = node.findings.map((f, i): TFindingRow => ({
      key: `${node.nodeId}:f${i}`, code: f.code, severity: f.severity, kind: f.kind, message: f.message,
      // the report's own values (its app names among them) win over what the page knows
      values: { ruleId: f.ruleId, app: app(f.appInstanceId), other: f.other?.ruleId ?? '', otherApp: f.other ? app(f.other.appInstanceId) : '', ...f.params },
    }));
    return {
      nodeId: node.nodeId, nodeName: node.nodeName, adapter: node.adapter,
      errors: findings.filter((f) => f.severity === 'error'), warnings: findings.filter((f) => f.severity === 'warning'),
      diff: node.diff.map((d, i) => ({ key: `${node.nodeId}:d${i}`, kind: d.kind, ruleId: d.ruleId, app: app(d.appInstanceId), change: d.change, before: d.before ? ruleSummary(d.before) : null, after: d.after ? ruleSummary(d.after) : null })),
      flows: node.flows.map((f, i) => ({ key: `${node.nodeId}:w${i}`, code: f.code, message: f.message, detail: flowDetail(f.params), values: { ruleId: f.ruleId, app: app(f.appInstanceId), ...f.params } })),
    };
  });
  nodes.sort((a, b) => rank(a) - rank(b) || a.nodeName.localeCompare(b.nodeName));
  return { nodes, canApply: report.canApply && report.totals.errors === 0, totals: report.totals };
}

/** The identity of a request: a report is current only for the request it was made for. */
export function requestKey(request: TRuleChangeRequest | null): string {
  return request ? JSON.stringify({ selection: request.selection, edits: request.edits }) : '';
}
