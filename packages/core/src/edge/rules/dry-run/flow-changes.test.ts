import { describe, expect, it } from 'vitest';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { dryRunNode } from './dry-run';
import { APP_A, dns, instance, nodeInput, traffic } from './fixtures';
import { filterWords } from './flow-words';

const UDP_FLOW = { protocol: ['UDP'], srcAddress: ['10.45.0.0/16'], dstAddress: ['198.51.100.0/24'], dstPort: ['5000'] };
const flowsOf = (before: TTrafficRule[], after: TTrafficRule[]) =>
  dryRunNode(nodeInput([instance(APP_A, 'hello-edge', after)], [instance(APP_A, 'hello-edge', before)])).flows;

describe('flows in words', () => {
  it('says a new FORWARD rule steers its flow to the app', () => {
    expect(flowsOf([], [traffic('r', { filter: UDP_FLOW })])).toEqual([{
      code: 'now_steered', appInstanceId: APP_A, ruleId: 'r',
      params: { flow: 'UDP 10.45.0.0/16 → 198.51.100.0/24:5000', app: 'hello-edge', priority: 10, destination: '10.0.0.7' },
      message: 'UDP 10.45.0.0/16 → 198.51.100.0/24:5000 is now steered to hello-edge (10.0.0.7)',
    }]);
  });

  it('says where a flow goes instead when only the destination changed', () => {
    const to8 = traffic('r', { filter: UDP_FLOW, dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.8' } });
    expect(flowsOf([traffic('r', { filter: UDP_FLOW })], [to8])).toEqual([expect.objectContaining({
      code: 'destination_changed', params: expect.objectContaining({ destination: '10.0.0.8', previousDestination: '10.0.0.7', fate: 'steered' }),
      message: 'UDP 10.45.0.0/16 → 198.51.100.0/24:5000 is now steered to hello-edge (10.0.0.8) instead of 10.0.0.7',
    })]);
  });

  it('says what stops and what starts when a rule changes action, state or filter', () => {
    const steer = traffic('r', { filter: UDP_FLOW });
    expect(flowsOf([steer], [{ ...steer, action: 'DROP' }]).map((f) => f.code)).toEqual(['no_longer_steered', 'now_dropped']);
    expect(flowsOf([{ ...steer, action: 'DROP' }], [{ ...steer, action: 'PASSTHROUGH' }]).map((f) => f.code)).toEqual(['no_longer_dropped']);
    expect(flowsOf([steer], [{ ...steer, action: 'DUPLICATE_ENCAPSULATED' }]).map((f) => f.code)).toEqual(['no_longer_steered', 'now_mirrored']);
    expect(flowsOf([{ ...steer, action: 'DUPLICATE_DECAPSULATED' }], [{ ...steer, state: 'INACTIVE', action: 'DUPLICATE_DECAPSULATED' }]).map((f) => f.code)).toEqual(['no_longer_mirrored']);
    const moved = flowsOf([steer], [traffic('r', { filter: { ...UDP_FLOW, dstPort: ['5001'] } })]);
    expect(moved.map((f) => [f.code, f.params.flow])).toEqual([
      ['no_longer_steered', 'UDP 10.45.0.0/16 → 198.51.100.0/24:5000'],
      ['now_steered', 'UDP 10.45.0.0/16 → 198.51.100.0/24:5001'],
    ]);
    expect(flowsOf([steer], []).map((f) => f.message)).toEqual(['UDP 10.45.0.0/16 → 198.51.100.0/24:5000 is no longer steered to hello-edge (10.0.0.7)']);
  });

  it('says nothing for a change that leaves every flow where it was (priority) or an INACTIVE rule', () => {
    const steer = traffic('r', { filter: UDP_FLOW });
    expect(flowsOf([steer], [{ ...steer, priority: 3 }])).toEqual([]);
    expect(flowsOf([], [{ ...steer, state: 'INACTIVE' }])).toEqual([]);
    expect(flowsOf([{ ...steer, action: 'DROP', dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.1' } }], [{ ...steer, action: 'DROP' }])).toEqual([]);
  });

  it('says which names now answer, answer differently, or stop', () => {
    const dnsFlows = (before: ReturnType<typeof dns>[], after: ReturnType<typeof dns>[]) =>
      dryRunNode(nodeInput([instance(APP_A, 'hello-edge', [], after)], [instance(APP_A, 'hello-edge', [], before)])).flows;
    expect(dnsFlows([], [dns('d')])).toEqual([expect.objectContaining({
      code: 'dns_now_answers', params: { domainName: 'hello-edge.mec.example', ipAddress: '10.0.0.7', app: 'hello-edge', ttl: 30 },
      message: 'hello-edge.mec.example now answers 10.0.0.7 (hello-edge)',
    })]);
    expect(dnsFlows([dns('d')], [dns('d', { ipAddress: '10.0.0.8' })])).toEqual([expect.objectContaining({
      code: 'dns_answer_changed', params: expect.objectContaining({ ipAddress: '10.0.0.8', previousIpAddress: '10.0.0.7' }),
      message: 'hello-edge.mec.example now answers 10.0.0.8 instead of 10.0.0.7 (hello-edge)',
    })]);
    expect(dnsFlows([dns('d')], [dns('d', { ttl: 300 })]).map((f) => f.message)).toEqual(['hello-edge.mec.example answers 10.0.0.7 (hello-edge) with a TTL of 300 instead of 30']);
    expect(dnsFlows([dns('d')], [dns('d', { state: 'INACTIVE' })]).map((f) => [f.code, f.message])).toEqual([['dns_no_longer_answers', 'hello-edge.mec.example no longer answers 10.0.0.7 for hello-edge']]);
    expect(dnsFlows([dns('d')], [dns('d', { domainName: 'HELLO-EDGE.mec.example.' })])).toEqual([]);
    expect(dnsFlows([dns('d')], [dns('d', { domainName: 'new.mec.example' })]).map((f) => f.code)).toEqual(['dns_no_longer_answers', 'dns_now_answers']);
  });
});

describe('filterWords', () => {
  it('writes both ends, bracketing an IPv6 address before a port, and what else the filter matches on', () => {
    expect(filterWords({ protocol: ['tcp'], dstAddress: ['2001:db8::1'], dstPort: ['443'] })).toBe('TCP any → [2001:db8::1]:443');
    expect(filterWords({ dstAddress: ['10.0.0.0/8', '192.168.0.0/16'], srcPort: ['53'] })).toBe('port 53 → {10.0.0.0/8, 192.168.0.0/16}');
    expect(filterWords({})).toBe('all traffic');
    expect(filterWords({ qCI: 5 })).toBe('all traffic (QCI 5)');
    expect(filterWords({ protocol: ['UDP', 'TCP'], dSCP: 46 })).toBe('UDP/TCP any → any (DSCP 46)');
  });
});
