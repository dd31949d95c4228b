import { describe, expect, it } from 'vitest';
import { dnsRulesOf, MEC010_TO_MEC011_ACTION, trafficRulesOf } from './appd-rules';

const rule = (over: Record<string, unknown>) => ({ trafficRuleId: 'r', filterType: 'FLOW', priority: 1, trafficFilter: [{ dstAddress: ['10.0.0.0/24'] }], action: 'DROP', ...over });

describe('AppD (MEC 010-2) rules as MEC 011 rules', () => {
  it.each([
    ['DROP', 'DROP'],
    ['FORWARD_DECAPSULATED', 'FORWARD_DECAPSULATED'],
    ['FORWARD_AS_IS', 'FORWARD_ENCAPSULATED'],
    ['PASSTHROUGH', 'PASSTHROUGH'],
    ['DUPLICATED_DECAPSULATED', 'DUPLICATE_DECAPSULATED'],
    ['DUPLICATE_AS_IS', 'DUPLICATE_ENCAPSULATED'],
  ])('maps the MEC 010-2 action %s to %s', (mec010, mec011) => {
    const [projected] = trafficRulesOf({ appTrafficRule: [rule({ action: mec010 })] });
    expect(projected?.action).toBe(mec011);
    expect(projected?.state).toBe('ACTIVE');
  });

  it('covers every MEC 010-2 action and nothing else', () => {
    expect(Object.keys(MEC010_TO_MEC011_ACTION).sort()).toEqual(['DROP', 'DUPLICATED_DECAPSULATED', 'DUPLICATE_AS_IS', 'FORWARD_AS_IS', 'FORWARD_DECAPSULATED', 'PASSTHROUGH']);
  });

  it('leaves out a rule whose action is MEC 011 spelling only or unknown, keeping the others', () => {
    const rules = trafficRulesOf({ appTrafficRule: [rule({ trafficRuleId: 'a', action: 'FORWARD_ENCAPSULATED' }), rule({ trafficRuleId: 'b', action: 'STEER' }), rule({ trafficRuleId: 'c' })] });
    expect(rules.map((r) => r.trafficRuleId)).toEqual(['c']);
  });

  it('keeps the first of two destination interfaces and renames the MAC/IP fields and GTP-U', () => {
    const [projected] = trafficRulesOf({
      appTrafficRule: [rule({
        action: 'DUPLICATE_AS_IS',
        dstInterface: [
          { interfaceType: 'TUNNEL', tunnelInfo: { tunnelType: 'GTP-U', tunnelDstAddress: '192.0.2.1', tunnelSrcAddress: '192.0.2.2', tunnelSpecificData: 'x' }, srcMACAddress: '02:00:00:00:00:01', dstMACAddress: '02:00:00:00:00:02', dstIPAddress: '10.0.0.9' },
          { interfaceType: 'IP', dstIPAddress: '10.0.0.10' },
        ],
      })],
    });
    expect(projected?.dstInterface).toEqual({
      interfaceType: 'TUNNEL', tunnelInfo: { tunnelType: 'GTP_U', tunnelDstAddress: '192.0.2.1', tunnelSrcAddress: '192.0.2.2' },
      srcMacAddress: '02:00:00:00:00:01', dstMacAddress: '02:00:00:00:00:02', dstIpAddress: '10.0.0.9',
    });
  });

  it('keeps MEC 011 casing of qCI/dSCP/tC and maps snake_case and tag', () => {
    const [spec, tosca] = trafficRulesOf({
      appTrafficRule: [
        rule({ trafficRuleId: 'spec', trafficFilter: [{ qCI: 9, dSCP: 46, tC: 3, tag: ['t1'] }] }),
        rule({ trafficRuleId: 'tosca', trafficFilter: [{ qci: 8, dscp: 10, tc: 1 }] }),
      ],
    });
    expect(spec?.trafficFilter[0]).toMatchObject({ qCI: 9, dSCP: 46, tC: 3, token: ['t1'] });
    expect(spec?.trafficFilter[0]).not.toHaveProperty('tag');
    expect(tosca?.trafficFilter[0]).toMatchObject({ qCI: 8, dSCP: 10, tC: 1 });
    expect(tosca?.trafficFilter[0]).not.toHaveProperty('qci');
  });

  it('accepts a single interface object where MEC 010-2 has an array', () => {
    const [projected] = trafficRulesOf({ appTrafficRule: [rule({ action: 'FORWARD_DECAPSULATED', dstInterface: { interfaceType: 'IP', dstIPAddress: '10.0.0.5' } })] });
    expect(projected?.dstInterface).toMatchObject({ interfaceType: 'IP', dstIpAddress: '10.0.0.5' });
  });

  it('projects DNS rules as ACTIVE and leaves out incomplete ones', () => {
    const rules = dnsRulesOf({ appDNSRule: [{ dnsRuleId: 'd1', domainName: 'a.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', ttl: 60 }, { dnsRuleId: 'd2', domainName: 'b.example' }] });
    expect(rules).toEqual([{ dnsRuleId: 'd1', domainName: 'a.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', ttl: 60, state: 'ACTIVE' }]);
  });

  it('answers no rules for an AppD without any, or no AppD', () => {
    expect(trafficRulesOf(null)).toEqual([]);
    expect(dnsRulesOf({ appDNSRule: 'nonsense' })).toEqual([]);
  });
});
