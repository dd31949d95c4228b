import type { TMp1DnsRule as TDnsRule, TNodeRules, TMp1TrafficRule as TTrafficRule } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { baseRules, isIdTaken, ruleRows, withDelete, withEdit, withoutEdit, withState } from './rule-draft-model';

const I1 = '00000000-0000-4000-8000-000000000001';
const I2 = '00000000-0000-4000-8000-000000000002';
const traffic = (id: string, priority: number, patch: Partial<TTrafficRule> = {}): TTrafficRule => ({
  trafficRuleId: id, priority, filterType: 'FLOW', action: 'FORWARD_DECAPSULATED', state: 'ACTIVE', trafficFilter: [{ dstPort: ['80'] }], ...patch,
});
const dns = (id: string, domainName: string): TDnsRule => ({ dnsRuleId: id, domainName, ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', state: 'ACTIVE' });
const node = (instances: TNodeRules['instances']): TNodeRules => ({ nodeId: I1, adapter: 'memory', version: 1, appliedVersion: 1, instances, statuses: [], dnsAnswers: [] });

const base = baseRules([
  node([{ appInstanceId: I1, appName: 'A', trafficRules: [traffic('web', 5), traffic('low', 200)], dnsRules: [dns('d1', 'b.example')] }]),
  node([{ appInstanceId: I1, appName: 'A', trafficRules: [traffic('web', 9)], dnsRules: [] }, { appInstanceId: I2, appName: 'B', trafficRules: [traffic('other', 1)], dnsRules: [] }]),
], new Set([I1]));

describe('rule draft', () => {
  it('reads the chosen instances\' rules, first node wins', () => {
    expect([...base.traffic.keys()]).toEqual(['web', 'low']);
    expect(base.traffic.get('web')?.priority).toBe(5);
    expect(baseRules([node([{ appInstanceId: I2, appName: 'B', trafficRules: [traffic('other', 1)], dnsRules: [] }])], null).traffic.has('other')).toBe(true);
  });

  it('lists traffic by priority then DNS by name, with what the draft does', () => {
    let edits = withEdit([], { op: 'putDns', rule: dns('d0', 'a.example') });
    edits = withEdit(edits, { op: 'putTraffic', rule: traffic('web', 5, { trafficFilter: [{ dstPort: ['443'] }] }) });
    edits = withState(edits, base, 'traffic', 'low', 'INACTIVE');
    edits = withEdit(edits, { op: 'putTraffic', rule: traffic('new', 0) });
    const rows = ruleRows(base, edits);
    expect(rows.map((r) => `${r.kind}:${r.ruleId}:${r.change}`)).toEqual(['traffic:new:added', 'traffic:web:changed', 'traffic:low:disabled', 'dns:d0:added', 'dns:d1:unchanged']);
    expect(rows.find((r) => r.ruleId === 'web')?.before).toEqual(traffic('web', 5));
  });

  it('keeps one edit per rule and undoes it', () => {
    let edits = withEdit([], { op: 'putTraffic', rule: traffic('web', 1) });
    edits = withEdit(edits, { op: 'putTraffic', rule: traffic('web', 2) });
    expect(edits).toHaveLength(1);
    expect(withoutEdit(edits, 'traffic', 'web')).toEqual([]);
  });

  it('deletes a node\'s rule with an edit, forgets a rule only the draft added', () => {
    const added = withEdit([], { op: 'putTraffic', rule: traffic('new', 1) });
    expect(withDelete(added, base, 'traffic', 'new')).toEqual([]);
    const deleted = withDelete(added, base, 'dns', 'd1');
    expect(deleted.at(-1)).toEqual({ op: 'delete', kind: 'dns', ruleId: 'd1' });
    expect(ruleRows(base, deleted).find((r) => r.ruleId === 'd1')?.change).toBe('deleted');
  });

  it('switches state on the put of a drafted rule, and drops a switch back to the node\'s state', () => {
    const added = withEdit([], { op: 'putDns', rule: dns('d0', 'a.example') });
    expect(withState(added, base, 'dns', 'd0', 'INACTIVE')).toEqual([{ op: 'putDns', rule: { ...dns('d0', 'a.example'), state: 'INACTIVE' } }]);
    const off = withState([], base, 'dns', 'd1', 'INACTIVE');
    expect(off).toEqual([{ op: 'setState', kind: 'dns', ruleId: 'd1', state: 'INACTIVE' }]);
    expect(withState(off, base, 'dns', 'd1', 'ACTIVE')).toEqual([]);
  });

  it('knows ids in use', () => {
    expect(isIdTaken(base, [], 'traffic', 'web')).toBe(true);
    expect(isIdTaken(base, [{ op: 'putDns', rule: dns('x', 'x.example') }], 'dns', 'x')).toBe(true);
    expect(isIdTaken(base, [], 'dns', 'web')).toBe(false);
  });
});
