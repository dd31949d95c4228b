import { describe, expect, it } from 'vitest';
import { ZRuleChangeRequest, ZValidDnsRule, ZValidTrafficRule } from './edge-rules';
import { isAddressOrCidr, isDomainName, isPortOrRange, isProtocol } from './rule-values';

const traffic = {
  trafficRuleId: 'steer-1', filterType: 'FLOW', priority: 10, action: 'FORWARD_DECAPSULATED', state: 'ACTIVE',
  trafficFilter: [{ srcAddress: ['10.45.0.0/16'], dstAddress: ['198.51.100.7'], dstPort: ['8000-8080'], protocol: ['UDP'] }],
  dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.7' },
};
const dns = { dnsRuleId: 'dns-1', domainName: 'hello-edge.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.7', ttl: 30, state: 'ACTIVE' };

/** The path of the first issue, as the API names the field. */
function fieldOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string {
  expect(result.success).toBe(false);
  return result.error!.issues[0]!.path.join('.');
}

describe('rule values', () => {
  it('accepts addresses and ranges of both families, and refuses malformed ones', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '2001:db8::1', '2001:db8::/32']) expect(isAddressOrCidr(ok)).toBe(true);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0', '10.0.0.1/8/1', 'example.com', '10.0.0.1/']) expect(isAddressOrCidr(bad)).toBe(false);
  });

  it('accepts ports and ranges within 0-65535, low before high', () => {
    for (const ok of ['0', '443', '65535', '8000-8080']) expect(isPortOrRange(ok)).toBe(true);
    for (const bad of ['70000', '8080-8000', '-1', '80-', 'http']) expect(isPortOrRange(bad)).toBe(false);
  });

  it('knows protocol names and numbers, and domain names of RFC 1123 labels', () => {
    expect(isProtocol('udp')).toBe(true);
    expect(isProtocol('17')).toBe(true);
    expect(isProtocol('256')).toBe(false);
    expect(isDomainName('hello-edge.mec.example.')).toBe(true);
    expect(isDomainName('hello edge.example')).toBe(false);
    expect(isDomainName('-bad.example')).toBe(false);
  });
});

describe('strict rules name the field that is wrong', () => {
  it('a valid traffic rule and DNS rule pass', () => {
    expect(ZValidTrafficRule.safeParse(traffic).success).toBe(true);
    expect(ZValidDnsRule.safeParse(dns).success).toBe(true);
  });

  it('a bad CIDR', () => {
    expect(fieldOf(ZValidTrafficRule.safeParse({ ...traffic, trafficFilter: [{ srcAddress: ['10.45.0.0/40'] }] }))).toBe('trafficFilter.0.srcAddress.0');
  });

  it('port 70000', () => {
    expect(fieldOf(ZValidTrafficRule.safeParse({ ...traffic, trafficFilter: [{ dstPort: ['70000'] }] }))).toBe('trafficFilter.0.dstPort.0');
  });

  it('an FQDN with spaces', () => {
    expect(fieldOf(ZValidDnsRule.safeParse({ ...dns, domainName: 'hello edge.example' }))).toBe('domainName');
  });

  it('an IPv6 address with IP_V4', () => {
    expect(fieldOf(ZValidDnsRule.safeParse({ ...dns, ipAddress: '2001:db8::7' }))).toBe('ipAddress');
  });

  it('a priority outside 0-255, and a FORWARD to an IP interface without its address', () => {
    expect(fieldOf(ZValidTrafficRule.safeParse({ ...traffic, priority: 256 }))).toBe('priority');
    expect(fieldOf(ZValidTrafficRule.safeParse({ ...traffic, dstInterface: { interfaceType: 'IP' } }))).toBe('dstInterface.dstIpAddress');
  });

  it('a change request names the edit and field inside it', () => {
    const result = ZRuleChangeRequest.safeParse({
      selection: { kind: 'instances', appInstanceIds: ['6a1f3c1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f'] },
      edits: [{ op: 'putDns', rule: dns }, { op: 'putDns', rule: { ...dns, ttl: -1 } }],
    });
    expect(fieldOf(result)).toBe('edits.1.rule.ttl');
  });
});
