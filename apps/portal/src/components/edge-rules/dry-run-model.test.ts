import type { TDryRunReport, TRuleChangeRequest } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { dryRunView, requestKey, ruleSummary } from './dry-run-model';

const N1 = '00000000-0000-4000-8000-000000000001';
const N2 = '00000000-0000-4000-8000-000000000002';
const I1 = '00000000-0000-4000-8000-000000000011';
const I2 = '00000000-0000-4000-8000-000000000012';
const steer = { trafficRuleId: 'web', priority: 5, filterType: 'FLOW' as const, action: 'FORWARD_DECAPSULATED' as const, state: 'ACTIVE' as const, trafficFilter: [{ dstAddress: ['10.0.0.0/24'], dstPort: ['80'], protocol: ['TCP'] }], dstInterface: { interfaceType: 'IP' as const, dstIpAddress: '10.1.0.7' } };

const report: TDryRunReport = {
  nodes: [
    { nodeId: N1, nodeName: 'zeta', adapter: 'memory', findings: [], diff: [{ appInstanceId: I1, kind: 'traffic', ruleId: 'web', change: 'added', after: steer }], flows: [{ code: 'now_steered', appInstanceId: I1, ruleId: 'web', params: { to: '10.1.0.7' }, message: 'TCP to 10.0.0.0/24:80 now goes to 10.1.0.7' }] },
    { nodeId: N2, nodeName: 'alpha', adapter: 'nftables', diff: [], flows: [], findings: [
      { code: 'overlap_same_priority', severity: 'error', appInstanceId: I1, kind: 'traffic', ruleId: 'web', other: { appInstanceId: I2, ruleId: 'api' }, params: { priority: 5 }, message: 'web and api overlap at priority 5' },
      { code: 'dns_address_not_steered', severity: 'warning', appInstanceId: I1, kind: 'dns', ruleId: 'd1', params: {}, message: 'not steered' },
    ] },
  ],
  totals: { nodes: 2, instances: 2, errors: 1, warnings: 1, changes: 1 },
  canApply: false,
};

describe('dry-run view', () => {
  it('puts nodes with errors first and splits errors from warnings, with values to translate', () => {
    const view = dryRunView(report, new Map([[I1, 'Hello Edge'], [I2, 'Other']]));
    expect(view.nodes.map((n) => n.nodeName)).toEqual(['alpha', 'zeta']);
    expect(view.canApply).toBe(false);
    const [error] = view.nodes[0]!.errors;
    expect(error).toMatchObject({ code: 'overlap_same_priority', values: { ruleId: 'web', app: 'Hello Edge', other: 'api', otherApp: 'Other', priority: 5 }, message: 'web and api overlap at priority 5' });
    expect(view.nodes[0]!.warnings.map((w) => w.code)).toEqual(['dns_address_not_steered']);
  });

  it('describes the diff and the flows of a node', () => {
    const zeta = dryRunView(report, new Map()).nodes[1]!;
    expect(zeta.diff[0]).toMatchObject({ ruleId: 'web', change: 'added', before: null, after: 'P5 FORWARD_DECAPSULATED → 10.1.0.7 [dst 10.0.0.0/24 port 80 TCP]', app: I1.slice(0, 8) });
    expect(zeta.flows[0]).toMatchObject({ code: 'now_steered', values: { to: '10.1.0.7', ruleId: 'web' }, detail: '' });
  });

  it('lets the report\'s values win and shows the flow itself', () => {
    const node: TDryRunReport['nodes'][number] = { ...report.nodes[0]!, flows: [
      { code: 'now_steered', appInstanceId: I1, ruleId: 'web', params: { flow: 'TCP → 10.0.0.0/24:80', destination: '10.1.0.7', app: 'hello-edge' }, message: 'm' },
      { code: 'dns_now_answers', appInstanceId: I1, ruleId: 'd', params: { domainName: 'a.example', ipAddress: '10.1.0.7' }, message: 'm' },
    ] };
    const [steer, dns] = dryRunView({ ...report, nodes: [node] }, new Map([[I1, 'Hello Edge']])).nodes[0]!.flows;
    expect(steer).toMatchObject({ detail: 'TCP → 10.0.0.0/24:80 → 10.1.0.7', values: { app: 'hello-edge' } });
    expect(dns!.detail).toBe('a.example → 10.1.0.7');
  });

  it('cannot apply when the server says so, even with no errors counted', () => {
    expect(dryRunView({ ...report, totals: { ...report.totals, errors: 0 } }, new Map()).canApply).toBe(false);
    expect(dryRunView({ ...report, canApply: true, totals: { ...report.totals, errors: 0 } }, new Map()).canApply).toBe(true);
  });

  it('summarises DNS rules and a catch-all filter', () => {
    expect(ruleSummary({ dnsRuleId: 'd', domainName: 'a.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', ttl: 60, state: 'INACTIVE' })).toBe('a.example → 10.0.0.1 (TTL 60) · INACTIVE');
    expect(ruleSummary({ ...steer, action: 'DROP', dstInterface: undefined, trafficFilter: [{}] })).toBe('P5 DROP [*]');
  });

  it('keys a request by selection and edits, not its note', () => {
    const request: TRuleChangeRequest = { selection: { kind: 'instances', appInstanceIds: [I1] }, edits: [{ op: 'delete', kind: 'dns', ruleId: 'd1' }], note: 'a' };
    expect(requestKey({ ...request, note: 'b' })).toBe(requestKey(request));
    expect(requestKey({ ...request, edits: [{ op: 'delete', kind: 'dns', ruleId: 'd2' }] })).not.toBe(requestKey(request));
    expect(requestKey(null)).toBe('');
  });
});
