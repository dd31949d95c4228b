import type { TMp1DnsRule, TMp1TrafficRule, TRuleEdit } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { applyRuleEdits } from './apply-rule-edits';

const traffic = (id: string, priority = 1): TMp1TrafficRule => ({ trafficRuleId: id, filterType: 'FLOW', priority, trafficFilter: [{ dstPort: ['80'] }], action: 'DROP', state: 'ACTIVE' });
const dns = (id: string, ipAddress = '10.0.0.1'): TMp1DnsRule => ({ dnsRuleId: id, domainName: `${id}.example`, ipAddressType: 'IP_V4', ipAddress, state: 'ACTIVE' });
const current = { trafficRules: [traffic('t1'), traffic('t2')], dnsRules: [dns('d1')] };

describe('applyRuleEdits', () => {
  it('adds a rule with a new id at the end and replaces one with a known id in place', () => {
    const { rules, touched, missing } = applyRuleEdits(current, [{ op: 'putTraffic', rule: traffic('t3') }, { op: 'putTraffic', rule: traffic('t1', 7) }]);
    expect(rules.trafficRules.map((r) => [r.trafficRuleId, r.priority])).toEqual([['t1', 7], ['t2', 1], ['t3', 1]]);
    expect(rules.dnsRules).toBe(current.dnsRules);
    expect(touched).toEqual({ traffic: true, dns: false });
    expect(missing).toEqual([]);
  });

  it('deletes and switches state by id, each kind on its own', () => {
    const edits: TRuleEdit[] = [{ op: 'delete', kind: 'traffic', ruleId: 't2' }, { op: 'setState', kind: 'dns', ruleId: 'd1', state: 'INACTIVE' }];
    const { rules, touched } = applyRuleEdits(current, edits);
    expect(rules.trafficRules.map((r) => r.trafficRuleId)).toEqual(['t1']);
    expect(rules.dnsRules).toEqual([{ ...dns('d1'), state: 'INACTIVE' }]);
    expect(touched).toEqual({ traffic: true, dns: true });
  });

  it('applies edits in order: a rule put by one edit can be switched by the next', () => {
    const { rules, missing } = applyRuleEdits(current, [{ op: 'putDns', rule: dns('d2', '10.0.0.2') }, { op: 'setState', kind: 'dns', ruleId: 'd2', state: 'INACTIVE' }]);
    expect(rules.dnsRules.find((r) => r.dnsRuleId === 'd2')?.state).toBe('INACTIVE');
    expect(missing).toEqual([]);
  });

  it('names every rule the instance lacks, and still applies the other edits', () => {
    const { rules, missing } = applyRuleEdits(current, [
      { op: 'delete', kind: 'dns', ruleId: 'nope' },
      { op: 'setState', kind: 'traffic', ruleId: 'd1', state: 'INACTIVE' }, // a DNS rule's id is no traffic rule's
      { op: 'delete', kind: 'traffic', ruleId: 't1' },
    ]);
    expect(missing).toEqual([{ editIndex: 0, kind: 'dns', ruleId: 'nope' }, { editIndex: 1, kind: 'traffic', ruleId: 'd1' }]);
    expect(rules.trafficRules.map((r) => r.trafficRuleId)).toEqual(['t2']);
  });

  it('leaves its input untouched', () => {
    const before = JSON.stringify(current);
    applyRuleEdits(current, [{ op: 'setState', kind: 'traffic', ruleId: 't1', state: 'INACTIVE' }, { op: 'delete', kind: 'dns', ruleId: 'd1' }]);
    expect(JSON.stringify(current)).toBe(before);
  });
});
