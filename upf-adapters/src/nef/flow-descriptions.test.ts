import type { TTrafficRule } from '@mecport/contracts/mec011';
import { describe, expect, it } from 'vitest';
import { flowDescription, flowsOf, singleUe, tosTcOf } from './flow-descriptions';

const rule = (filter: TTrafficRule['trafficFilter']): TTrafficRule => ({ trafficRuleId: 'r', filterType: 'FLOW', priority: 1, trafficFilter: filter, action: 'FORWARD_DECAPSULATED', state: 'ACTIVE' });
const descriptions = (filter: TTrafficRule['trafficFilter']) => {
  const out = flowsOf(rule(filter));
  return 'flows' in out ? out.flows.map(flowDescription) : out.reason;
};

describe('MEC 011 filters as TS 29.214 flow descriptions', () => {
  it('writes the downlink direction: the server side after from, the UE side after to, ports beside their address', () => {
    expect(descriptions([{ srcAddress: ['10.60.0.0/16'], srcPort: ['40000-40100'], dstAddress: ['192.0.2.10'], dstPort: ['443'], protocol: ['TCP'] }]))
      .toEqual(['permit out 6 from 192.0.2.10 443 to 10.60.0.0/16 40000-40100']);
  });

  it('uses ip and any for what the filter leaves open, and IANA numbers for protocols', () => {
    expect(descriptions([{}])).toEqual(['permit out ip from any to any']);
    expect(descriptions([{ protocol: ['udp', 'SCTP', '47'] }])).toEqual(['permit out 17 from any to any', 'permit out 132 from any to any', 'permit out 47 from any to any']);
  });

  it('splits lists into one description each and skips IPv4-to-IPv6 pairs', () => {
    expect(descriptions([{ srcAddress: ['10.0.0.1', '2001:db8::1'], dstAddress: ['192.0.2.10', '2001:db8::10'] }]))
      .toEqual(['permit out ip from 192.0.2.10 to 10.0.0.1', 'permit out ip from 2001:db8::10 to 2001:db8::1']);
    expect(descriptions([{ srcAddress: ['10.0.0.1'], dstAddress: ['2001:db8::10'] }])).toMatch(/IPv4 address with an IPv6 one/);
  });

  it('refuses a rule that expands past the limit instead of flooding the NEF', () => {
    const many = Array.from({ length: 9 }, (_, i) => `10.0.0.${i}`);
    expect(descriptions([{ srcAddress: many, dstAddress: many }])).toMatch(/more than 64 flows/);
  });

  it('knows a single UE from a range, and writes DSCP as ToS with its mask', () => {
    expect([singleUe('10.0.0.7'), singleUe('10.0.0.7/32'), singleUe('10.0.0.0/24'), singleUe('2001:db8::7/128'), singleUe('any')])
      .toEqual([{ ipv4Addr: '10.0.0.7' }, { ipv4Addr: '10.0.0.7' }, undefined, { ipv6Addr: '2001:db8::7' }, undefined]);
    expect([tosTcOf({ dSCP: 46 }), tosTcOf({ tC: 1 }), tosTcOf({})]).toEqual(['b8fc', '01ff', undefined]);
  });
});
