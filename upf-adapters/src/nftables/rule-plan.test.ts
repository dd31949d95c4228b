import { describe, expect, it } from 'vitest';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { capabilitiesOf } from '../capabilities';
import { planRules } from './rule-plan';

const caps = capabilitiesOf('nftables');
const rule = (over: Partial<TTrafficRule>): TTrafficRule => ({ trafficRuleId: 'r', filterType: 'FLOW', priority: 10, action: 'DROP', state: 'ACTIVE', trafficFilter: [{}], ...over });
const steer = { interfaceType: 'IP', dstIpAddress: '10.1.0.2' } as const;

describe('planRules', () => {
  it('orders rules by MEC 011 priority, 0 first, whatever order they come in', () => {
    const plan = planRules([rule({ trafficRuleId: 'low', priority: 200 }), rule({ trafficRuleId: 'high', priority: 0 }), rule({ trafficRuleId: 'mid', priority: 7 })], caps);
    expect(plan.planned.map((p) => p.rule.trafficRuleId)).toEqual(['high', 'mid', 'low']);
  });

  it('steers FORWARD with DNAT and lets it pass the filter chain; DROP drops; DUPLICATE dups and accepts', () => {
    const plan = planRules([
      rule({ trafficRuleId: 'f', priority: 1, action: 'FORWARD_ENCAPSULATED', dstInterface: steer, trafficFilter: [{ dstAddress: ['10.9.0.1'] }] }),
      rule({ trafficRuleId: 'd', priority: 2, action: 'DUPLICATE_DECAPSULATED', dstInterface: steer, trafficFilter: [{ dstAddress: ['10.9.0.2'] }] }),
    ], caps);
    const [f, d] = plan.planned;
    expect(f!.nftRules.map((n) => [n.family, n.chain, n.verdict])).toEqual([['ip', 'filter', 'accept'], ['ip', 'steer', 'dnat to 10.1.0.2']]);
    expect(d!.nftRules.map((n) => [n.chain, n.verdict])).toEqual([['filter', 'dup to 10.1.0.2 accept'], ['steer', 'accept']]);
  });

  it('writes addresses, port ranges, protocols and dSCP as nft matches, with the MEC rule in the comment', () => {
    const [planned] = planRules([rule({ trafficRuleId: 'x.1', priority: 3, filterType: 'PACKET', trafficFilter: [{ srcAddress: ['10.0.0.0/24', '10.2.0.1'], dstPort: ['80', '08000-8080'], protocol: ['udp', 'TCP'], dSCP: 46 }] })], caps).planned;
    expect(planned!.nftRules).toEqual([{ family: 'ip', chain: 'filter', match: 'ip saddr { 10.0.0.0/24, 10.2.0.1 } meta l4proto { 17, 6 } th dport { 80, 8000-8080 } ip dscp 46', verdict: 'drop', comment: 'x.1|3|0|PACKET|DROP' }]);
  });

  it('splits a filter by IP family and keeps only what can match in each', () => {
    const [planned] = planRules([rule({ trafficFilter: [{ srcAddress: ['10.0.0.1', '2001:db8::/32'], dstAddress: ['2001:db8:1::1'] }, { protocol: ['ICMP'] }] })], caps).planned;
    expect(planned!.nftRules.map((n) => `${n.family} ${n.match}`)).toEqual(['ip6 ip6 saddr 2001:db8::/32 ip6 daddr 2001:db8:1::1', 'ip meta l4proto 1']);
  });

  it('puts INACTIVE rules in the chain no hook reaches', () => {
    const [planned] = planRules([rule({ state: 'INACTIVE', action: 'FORWARD_DECAPSULATED', dstInterface: steer })], caps).planned;
    expect(planned!.nftRules.map((n) => [n.chain, n.verdict])).toEqual([['inactive', 'dnat to 10.1.0.2']]);
  });

  it('says a rule using a field the node cannot match is unsupported, naming the field', () => {
    const plan = planRules([rule({ trafficFilter: [{ srcTunnelAddress: ['10.0.0.1'] }] }), rule({ trafficRuleId: 't', trafficFilter: [{ tC: 3 }] })], caps);
    expect(plan.planned).toEqual([]);
    expect(plan.rejected.map((r) => [r.state, r.reason.split(':')[0]])).toEqual([['unsupported', 'the nftables data plane cannot match on srcTunnelAddress'], ['unsupported', 'the nftables data plane cannot match on tC']]);
  });

  it('refuses steering to a tunnel, ports on ICMP, and families that cannot meet', () => {
    const plan = planRules([
      rule({ trafficRuleId: 'tunnel', action: 'FORWARD_DECAPSULATED', dstInterface: { interfaceType: 'TUNNEL', tunnelInfo: { tunnelType: 'GTP_U' } } }),
      rule({ trafficRuleId: 'icmp', trafficFilter: [{ protocol: ['ICMP'], dstPort: ['80'] }] }),
      rule({ trafficRuleId: 'family', action: 'FORWARD_DECAPSULATED', dstInterface: steer, trafficFilter: [{ dstAddress: ['2001:db8::1'] }] }),
    ], caps);
    expect(plan.rejected.map((r) => [r.rule.trafficRuleId, r.state, r.reason])).toEqual([
      ['family', 'unsupported', expect.stringMatching(/^no filter of this rule can match a packet/)],
      ['icmp', 'unsupported', expect.stringMatching(/^srcPort and dstPort need protocol TCP, UDP or SCTP/)],
      ['tunnel', 'unsupported', expect.stringMatching(/^FORWARD_DECAPSULATED on this node steers to an IP address only/)],
    ]);
  });

  it('installs neither copy of a rule id given twice', () => {
    const plan = planRules([rule({ trafficRuleId: 'twice', priority: 1 }), rule({ trafficRuleId: 'twice', priority: 2 }), rule({ trafficRuleId: 'once' })], caps);
    expect(plan.planned.map((p) => p.rule.trafficRuleId)).toEqual(['once']);
    expect(plan.rejected.map((r) => [r.rule.trafficRuleId, r.state])).toEqual([['twice', 'failed'], ['twice', 'failed']]);
  });

  it('fails a rule whose strings could not be trusted in an nft script', () => {
    const plan = planRules([rule({ trafficFilter: [{ srcAddress: ['10.0.0.1 accept; flush ruleset'] }] }), rule({ trafficRuleId: 'bad"id' })], caps);
    expect(plan.planned).toEqual([]);
    expect(plan.rejected.map((r) => [r.state, r.reason.split(':')[0]])).toEqual([['failed', 'invalid rule'], ['failed', 'invalid rule']]);
  });
});
