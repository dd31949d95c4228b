import { describe, expect, it } from 'vitest';
import { dryRunNode } from './dry-run';
import { APP_A, APP_B, dns, instance, nodeInput, traffic } from './fixtures';

const steerTo = (ip: string) => traffic(`steer-${ip}`, { filter: { dstAddress: [ip] }, dstInterface: { interfaceType: 'IP', dstIpAddress: ip } });

describe('fqdn_claimed_twice', () => {
  it('is an error when two app instances answer one name, whatever its case or trailing dot', () => {
    const node = dryRunNode(nodeInput([
      instance(APP_A, 'hello-edge', [steerTo('10.0.0.7')], [dns('a', { domainName: 'Hello-Edge.mec.example.' })]),
      instance(APP_B, 'other-app', [steerTo('10.0.0.8')], [dns('b', { domainName: 'hello-edge.MEC.example', ipAddress: '10.0.0.8' })]),
    ]));
    expect(node.findings).toEqual([expect.objectContaining({
      code: 'fqdn_claimed_twice', severity: 'error', appInstanceId: APP_B, kind: 'dns', ruleId: 'b',
      other: { appInstanceId: APP_A, ruleId: 'a' },
      params: { domainName: 'hello-edge.mec.example', app: 'other-app', ipAddress: '10.0.0.8', otherApp: 'hello-edge', otherIpAddress: '10.0.0.7' },
    })]);
  });

  it('is not raised for two names, for one instance answering A and AAAA, or when one claim is INACTIVE', () => {
    const a = instance(APP_A, 'hello-edge', [steerTo('10.0.0.7'), steerTo('2001:db8::7')], [dns('v4'), dns('v6', { ipAddressType: 'IP_V6', ipAddress: '2001:db8::7' })]);
    const other = (over: Parameters<typeof dns>[1]) => instance(APP_B, 'other-app', [steerTo('10.0.0.8')], [dns('b', { ipAddress: '10.0.0.8', ...over })]);
    expect(dryRunNode(nodeInput([a, other({ domainName: 'other.mec.example' })])).findings).toEqual([]);
    expect(dryRunNode(nodeInput([a, other({ state: 'INACTIVE' })])).findings).toEqual([]);
  });
});

describe('dns_address_not_steered', () => {
  it('is a warning when no ACTIVE FORWARD rule of the same instance steers to the answered address', () => {
    const node = dryRunNode(nodeInput([instance(APP_A, 'hello-edge', [steerTo('10.0.0.9')], [dns('a')])]));
    expect(node.findings).toEqual([expect.objectContaining({
      code: 'dns_address_not_steered', severity: 'warning', ruleId: 'a',
      params: { domainName: 'hello-edge.mec.example', ipAddress: '10.0.0.7', app: 'hello-edge' },
    })]);
  });

  it('does not count another instance\'s steering, an INACTIVE FORWARD, or a DUPLICATE to the address', () => {
    const cases = [
      [instance(APP_A, 'hello-edge', [], [dns('a')]), instance(APP_B, 'other-app', [steerTo('10.0.0.7')])],
      [instance(APP_A, 'hello-edge', [{ ...steerTo('10.0.0.7'), state: 'INACTIVE' }], [dns('a')])],
      [instance(APP_A, 'hello-edge', [{ ...steerTo('10.0.0.7'), action: 'DUPLICATE_DECAPSULATED' }], [dns('a')])],
    ];
    for (const after of cases) expect(dryRunNode(nodeInput(after)).findings.map((f) => f.code)).toEqual(['dns_address_not_steered']);
  });

  it('is not raised when the address is steered (written either way for IPv6), nor for an INACTIVE DNS rule', () => {
    const v6 = instance(APP_A, 'hello-edge', [steerTo('2001:db8:0::7')], [dns('a', { ipAddressType: 'IP_V6', ipAddress: '2001:DB8::7' })]);
    expect(dryRunNode(nodeInput([v6])).findings).toEqual([]);
    expect(dryRunNode(nodeInput([instance(APP_A, 'hello-edge', [{ ...steerTo('10.0.0.7'), action: 'FORWARD_ENCAPSULATED' }], [dns('a')])])).findings).toEqual([]);
    expect(dryRunNode(nodeInput([instance(APP_A, 'hello-edge', [], [dns('a', { state: 'INACTIVE' })])])).findings).toEqual([]);
  });
});
