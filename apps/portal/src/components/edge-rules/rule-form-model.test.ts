import { describe, expect, it } from 'vitest';
import {
  dnsFormFromRule, dnsRuleFromForm, emptyDnsForm, emptyFilterForm, emptyTrafficForm, splitList, trafficFormFromRule, trafficRuleFromForm, type TTrafficRuleForm,
} from './rule-form-model';

const steer = (patch: Partial<TTrafficRuleForm> = {}): TTrafficRuleForm => ({
  ...emptyTrafficForm(), trafficRuleId: 'steer-web', priority: '5', dstIpAddress: '10.1.0.7',
  filters: [{ ...emptyFilterForm(), dstAddress: '198.51.100.0/24, 203.0.113.9', dstPort: '80 8000-8080', protocol: 'tcp' }], ...patch,
});

describe('traffic rule form', () => {
  it('turns a valid form into the contract rule, lists split on commas and spaces', () => {
    const { rule, errors } = trafficRuleFromForm(steer());
    expect(errors).toEqual({});
    expect(rule).toEqual({
      trafficRuleId: 'steer-web', priority: 5, filterType: 'FLOW', action: 'FORWARD_DECAPSULATED', state: 'ACTIVE',
      trafficFilter: [{ dstAddress: ['198.51.100.0/24', '203.0.113.9'], dstPort: ['80', '8000-8080'], protocol: ['tcp'] }],
      dstInterface: { interfaceType: 'IP', dstIpAddress: '10.1.0.7' },
    });
  });

  it('names the filter field of a bad CIDR, with the bad value', () => {
    const form = steer();
    form.filters[0]!.dstAddress = '198.51.100.0/24, 10.0.0.300/33';
    const { rule, errors } = trafficRuleFromForm(form);
    expect(rule).toBeNull();
    expect(errors['filters.0.dstAddress']).toMatchObject({ code: 'address', value: '10.0.0.300/33' });
  });

  it('refuses port 70000, a reversed range, an unknown protocol and priority 256, each on its field', () => {
    const form = steer({ priority: '256', filters: [{ ...emptyFilterForm(), srcPort: '70000', dstPort: '90-80', protocol: 'QUIC' }] });
    const { errors } = trafficRuleFromForm(form);
    expect(Object.keys(errors).sort()).toEqual(['filters.0.dstPort', 'filters.0.protocol', 'filters.0.srcPort', 'priority']);
    expect(errors.priority!.code).toBe('priority');
    expect(errors['filters.0.srcPort']).toMatchObject({ code: 'port', value: '70000' });
  });

  it('asks for the destination address of a FORWARD to an IP interface, and for a rule id', () => {
    const { errors } = trafficRuleFromForm(steer({ trafficRuleId: 'has space', dstIpAddress: '' }));
    expect(errors.dstIpAddress?.code).toBe('dstIpAddress');
    expect(errors.trafficRuleId?.code).toBe('ruleId');
  });

  it('keeps a non-number DSCP as text so the field is named, and checks its range', () => {
    expect(trafficRuleFromForm(steer({ filters: [{ ...emptyFilterForm(), dSCP: 'af41' }] })).errors['filters.0.dSCP']?.code).toBe('dscp');
    expect(trafficRuleFromForm(steer({ filters: [{ ...emptyFilterForm(), dSCP: '64' }] })).errors['filters.0.dSCP']?.code).toBe('dscp');
    expect(trafficRuleFromForm(steer({ filters: [{ ...emptyFilterForm(), dSCP: '46' }] })).rule?.trafficFilter[0]?.dSCP).toBe(46);
  });

  it('needs a filter; an empty filter matches all traffic (a valid DROP)', () => {
    expect(trafficRuleFromForm(steer({ filters: [] })).errors.trafficFilter?.code).toBe('filtersRequired');
    expect(trafficRuleFromForm(steer({ action: 'DROP', interfaceType: '', filters: [emptyFilterForm()] })).rule?.trafficFilter).toEqual([{}]);
  });

  it('round-trips a rule, keeping the filter fields the form does not show', () => {
    const rule = {
      trafficRuleId: 'gtp', priority: 1, filterType: 'PACKET' as const, action: 'FORWARD_ENCAPSULATED' as const, state: 'INACTIVE' as const,
      trafficFilter: [{ srcAddress: ['10.0.0.0/8'], srcTunnelAddress: ['192.0.2.1'], qCI: 9 }],
      dstInterface: { interfaceType: 'TUNNEL' as const, tunnelInfo: { tunnelType: 'GTP_U' as const, tunnelDstAddress: '192.0.2.2' } },
    };
    const form = trafficFormFromRule(rule);
    expect(form.filters[0]!.srcAddress).toBe('10.0.0.0/8');
    expect(trafficRuleFromForm(form).rule).toEqual(rule);
  });
});

describe('DNS rule form', () => {
  const dns = { ...emptyDnsForm(), dnsRuleId: 'hello', domainName: 'hello-edge.mec.example', ipAddress: '10.1.0.7' };

  it('turns a valid form into the rule with its TTL', () => {
    expect(dnsRuleFromForm(dns)).toEqual({ rule: { dnsRuleId: 'hello', domainName: 'hello-edge.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.1.0.7', ttl: 300, state: 'ACTIVE' }, errors: {} });
  });

  it('names the address that does not match ipAddressType, an FQDN with spaces and a bad TTL', () => {
    const { errors } = dnsRuleFromForm({ ...dns, ipAddressType: 'IP_V4', ipAddress: '2001:db8::7', domainName: 'hello edge.example', ttl: '-1' });
    expect(errors.ipAddress?.code).toBe('ipAddress');
    expect(errors.domainName?.code).toBe('domainName');
    expect(errors.ttl?.code).toBe('ttl');
  });

  it('leaves the TTL out when empty and round-trips', () => {
    const { rule } = dnsRuleFromForm({ ...dns, ttl: '' });
    expect(rule && 'ttl' in rule).toBe(false);
    expect(dnsRuleFromForm(dnsFormFromRule(rule!)).rule).toEqual(rule);
  });
});

describe('splitList', () => {
  it('splits on commas and whitespace and drops empties', () => {
    expect(splitList(' a, b ,,c\nd ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList(' , ')).toBeUndefined();
  });
});
