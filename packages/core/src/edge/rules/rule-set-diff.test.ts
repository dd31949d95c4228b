import type { TMp1DnsRule } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { diffRuleSets } from './rule-set-diff';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const dns = (id: string, ipAddress = '10.0.0.1'): TMp1DnsRule => ({ dnsRuleId: id, domainName: 'a.example', ipAddressType: 'IP_V4', ipAddress, state: 'ACTIVE' });
const set = (appInstanceId: string, dnsRules: TMp1DnsRule[]) => ({ appInstanceId, appName: 'x', trafficRules: [], dnsRules });

describe('diffRuleSets', () => {
  it('finds added, removed and changed rules and ignores equal ones whatever their key order', () => {
    const reordered = { state: 'ACTIVE', ipAddress: '10.0.0.1', ipAddressType: 'IP_V4', domainName: 'a.example', dnsRuleId: 'same' } as TMp1DnsRule;
    const diff = diffRuleSets([set(A, [dns('same'), dns('gone'), dns('moved')])], [set(A, [reordered, dns('moved', '10.0.0.2'), dns('new')])]);
    expect(diff.map((d) => [d.ruleId, d.change])).toEqual([['moved', 'changed'], ['new', 'added'], ['gone', 'removed']]);
    expect(diff[0]).toMatchObject({ before: { ipAddress: '10.0.0.1' }, after: { ipAddress: '10.0.0.2' } });
  });

  it('treats an instance present on one side only as all added or all removed', () => {
    const diff = diffRuleSets([set(A, [dns('d')])], [set(B, [dns('e')])]);
    expect(diff).toEqual([
      { appInstanceId: A, kind: 'dns', ruleId: 'd', change: 'removed', before: dns('d') },
      { appInstanceId: B, kind: 'dns', ruleId: 'e', change: 'added', after: dns('e') },
    ]);
  });
});
