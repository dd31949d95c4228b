import { describe, expect, it } from 'vitest';
import { dryRunNode } from './dry-run';
import { APP_A, APP_B, instance, nodeInput, traffic, type TTrafficFilter } from './fixtures';
import type { TTrafficRule } from '@mecport/contracts/mec011';

const DROP = { action: 'DROP', dstInterface: undefined } as const;

/** The codes the dry run finds for rule `a` of app A and rule `b` of app B on one node. */
function codes(a: TTrafficRule, b: TTrafficRule): string[] {
  const node = dryRunNode(nodeInput([instance(APP_A, 'hello-edge', [a]), instance(APP_B, 'other-app', [b])]));
  return node.findings.map((f) => f.code);
}
const at = (id: string, priority: number, filter: TTrafficFilter, over: Partial<TTrafficRule> = {}) => traffic(id, { priority, filter, ...over });

describe('overlap_same_priority', () => {
  it('is an error when two rules at one priority can match one packet and act differently', () => {
    const node = dryRunNode(nodeInput([
      instance(APP_A, 'hello-edge', [at('steer', 10, { dstAddress: ['198.51.100.0/24'], protocol: ['UDP'] })]),
      instance(APP_B, 'other-app', [at('drop', 10, { dstAddress: ['198.51.100.128/25'] }, DROP)]),
    ]));
    expect(node.findings).toEqual([expect.objectContaining({
      code: 'overlap_same_priority', severity: 'error', appInstanceId: APP_B, kind: 'traffic', ruleId: 'drop',
      other: { appInstanceId: APP_A, ruleId: 'steer' },
      params: expect.objectContaining({ priority: 10, action: 'DROP', otherAction: 'FORWARD_DECAPSULATED', app: 'other-app', otherApp: 'hello-edge' }),
      message: expect.stringContaining('priority 10'),
    })]);
  });

  it('is an error for one action to two destinations', () => {
    const to = (ip: string) => ({ dstInterface: { interfaceType: 'IP' as const, dstIpAddress: ip } });
    expect(codes(at('a', 5, { dstPort: ['5000'] }, to('10.0.0.7')), at('b', 5, { dstPort: ['5000'] }, to('10.0.0.8')))).toEqual(['overlap_same_priority']);
  });

  it('is not raised for adjacent CIDRs, which share no address', () => {
    expect(codes(at('a', 10, { dstAddress: ['10.0.0.0/25'] }), at('b', 10, { dstAddress: ['10.0.0.128/25'] }, DROP))).toEqual([]);
    expect(codes(at('a', 10, { dstAddress: ['10.0.0.0/25'] }), at('b', 10, { dstAddress: ['10.0.0.127/32'] }, DROP))).toEqual(['overlap_same_priority']);
  });

  it('does CIDR math on IPv6, and never lets IPv4 meet IPv6', () => {
    expect(codes(at('a', 10, { dstAddress: ['2001:db8::/32'] }), at('b', 10, { dstAddress: ['2001:db8:ff::/48'] }, DROP))).toEqual(['overlap_same_priority']);
    expect(codes(at('a', 10, { dstAddress: ['2001:db8::/33'] }), at('b', 10, { dstAddress: ['2001:db8:8000::/33'] }, DROP))).toEqual([]);
    expect(codes(at('a', 10, { dstAddress: ['0.0.0.0/0'] }), at('b', 10, { dstAddress: ['::/0'], protocol: ['UDP'] }, DROP))).toEqual([]);
  });

  it('treats port ranges as inclusive: touching ranges overlap, adjacent ones do not', () => {
    const f = (ports: string) => ({ dstAddress: ['198.51.100.0/24'], dstPort: [ports] });
    expect(codes(at('a', 10, f('5000-5010')), at('b', 10, f('5010-5020'), DROP))).toEqual(['overlap_same_priority']);
    expect(codes(at('a', 10, f('5000-5010')), at('b', 10, f('5011-5020'), DROP))).toEqual([]);
  });

  it('needs every field to meet: different protocols keep two rules apart; an absent field meets all', () => {
    const f = (protocol?: string[]) => ({ dstAddress: ['198.51.100.0/24'], ...(protocol ? { protocol } : {}) });
    expect(codes(at('a', 10, f(['TCP'])), at('b', 10, f(['UDP']), DROP))).toEqual([]);
    expect(codes(at('a', 10, f(['TCP'])), at('b', 10, f(['6']), DROP))).toEqual(['overlap_same_priority']);
    expect(codes(at('a', 10, f(['TCP'])), at('b', 10, f(), DROP))).toEqual(['overlap_same_priority']);
    expect(codes(at('a', 10, f(['TCP'])), at('b', 10, f(['ANY']), DROP))).toEqual(['overlap_same_priority']);
  });

  it('ignores rules that treat the traffic alike, rules at different priorities and INACTIVE rules', () => {
    const f = { dstAddress: ['198.51.100.0/24'] };
    expect(codes(at('a', 10, f), at('b', 10, f))).toEqual([]);
    expect(codes(at('a', 10, f, DROP), at('b', 10, f, { ...DROP, dstInterface: { interfaceType: 'IP', dstIpAddress: '10.9.9.9' } }))).toEqual([]);
    expect(codes(at('a', 10, f), at('b', 11, { ...f, protocol: ['UDP'] }, DROP)).filter((c) => c === 'overlap_same_priority')).toEqual([]);
    expect(codes(at('a', 10, f), at('b', 10, f, { ...DROP, state: 'INACTIVE' }))).toEqual([]);
  });

  it('finds an overlap between two filters of two rules (the filters of a rule are alternatives)', () => {
    const a = traffic('a', { trafficFilter: [{ dstAddress: ['10.1.0.0/16'] }, { dstAddress: ['10.2.0.0/16'] }] });
    const b = traffic('b', { ...DROP, trafficFilter: [{ dstAddress: ['10.3.0.0/16'] }, { dstAddress: ['10.2.5.0/24'] }] });
    expect(codes(a, b)).toEqual(['overlap_same_priority']);
  });
});

describe('shadowed', () => {
  it('is a warning when a higher-priority rule (a lower number) matches everything a rule does', () => {
    const node = dryRunNode(nodeInput([
      instance(APP_A, 'hello-edge', [at('wide', 3, { dstAddress: ['198.51.100.0/24'] })]),
      instance(APP_B, 'other-app', [at('narrow', 7, { dstAddress: ['198.51.100.16/28'], dstPort: ['5000-5010'], protocol: ['UDP'] }, DROP)]),
    ]));
    expect(node.findings).toEqual([expect.objectContaining({
      code: 'shadowed', severity: 'warning', appInstanceId: APP_B, ruleId: 'narrow',
      other: { appInstanceId: APP_A, ruleId: 'wide' },
      params: expect.objectContaining({ priority: 7, otherPriority: 3 }),
    })]);
  });

  it('is not raised when the higher-priority rule leaves some traffic to the lower one', () => {
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/25'] }), at('b', 7, { dstAddress: ['198.51.100.0/24'] }))).toEqual([]);
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/24'], protocol: ['TCP'] }), at('b', 7, { dstAddress: ['198.51.100.0/24'] }))).toEqual([]);
    expect(codes(at('a', 3, { dstPort: ['5000-5009'] }), at('b', 7, { dstPort: ['5000-5010'] }))).toEqual([]);
  });

  it('is not raised by a lower-priority rule covering a higher one, nor by an INACTIVE one', () => {
    expect(codes(at('a', 7, { dstAddress: ['198.51.100.0/24'] }), at('b', 3, { dstAddress: ['198.51.100.16/28'] }))).toEqual([]);
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/24'] }, { state: 'INACTIVE' }), at('b', 7, { dstAddress: ['198.51.100.16/28'] }))).toEqual([]);
  });

  it('counts an absent field as every value: a rule with no protocol covers UDP, not the other way round', () => {
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/24'] }), at('b', 7, { dstAddress: ['198.51.100.0/24'], protocol: ['UDP'] }))).toEqual(['shadowed']);
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/24'], protocol: ['UDP'] }), at('b', 7, { dstAddress: ['198.51.100.0/24'] }))).toEqual([]);
    expect(codes(at('a', 3, { dstAddress: ['198.51.100.0/24'], protocol: ['ANY'] }), at('b', 7, { dstAddress: ['198.51.100.0/24'] }))).toEqual(['shadowed']);
  });

  it('covers every filter of a rule, each by any higher-priority filter, on IPv6 too', () => {
    const high = traffic('high', { priority: 1, trafficFilter: [{ dstAddress: ['2001:db8::/32'] }, { dstAddress: ['10.0.0.0/8'] }] });
    const both = traffic('low', { priority: 9, trafficFilter: [{ dstAddress: ['2001:db8:1::/48'] }, { dstAddress: ['10.1.0.0/16'] }] });
    const half = traffic('low', { priority: 9, trafficFilter: [{ dstAddress: ['2001:db8:1::/48'] }, { dstAddress: ['192.0.2.0/24'] }] });
    expect(codes(high, both)).toEqual(['shadowed']);
    expect(codes(high, half)).toEqual([]);
  });
});
