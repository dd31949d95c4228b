import { describe, expect, it } from 'vitest';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { dryRunNode } from './dry-run';
import { APP_A, instance, nodeInput, traffic } from './fixtures';
import type { TUpfAdapterKind } from './dry-run-input';

const findings = (rules: TTrafficRule[], adapter: TUpfAdapterKind = 'memory') =>
  dryRunNode(nodeInput([instance(APP_A, 'hello-edge', rules)], undefined, adapter)).findings;
const DROP = { action: 'DROP', dstInterface: undefined } as const;

describe('catch_all_drop', () => {
  it('is an error for an ACTIVE DROP with no address, port or protocol', () => {
    expect(findings([traffic('all', { ...DROP, priority: 200, filter: {} })])).toEqual([expect.objectContaining({
      code: 'catch_all_drop', severity: 'error', appInstanceId: APP_A, ruleId: 'all', params: { priority: 200, app: 'hello-edge' },
    })]);
  });

  it('counts "all" written out (0.0.0.0/0, ::/0, 0-65535, ANY) as no restriction, and one catch-all filter among several', () => {
    for (const filter of [{ dstAddress: ['0.0.0.0/0'] }, { srcAddress: ['::/0'], dstPort: ['0-65535'] }, { protocol: ['ANY'] }]) {
      expect(findings([traffic('all', { ...DROP, filter })]).map((f) => f.code), JSON.stringify(filter)).toEqual(['catch_all_drop']);
    }
    const rule = traffic('two', { ...DROP, trafficFilter: [{ dstAddress: ['192.0.2.0/24'] }, {}] });
    expect(findings([rule]).map((f) => f.code)).toEqual(['catch_all_drop']);
  });

  it('is not raised for a DROP of some traffic, for another action or for an INACTIVE DROP', () => {
    expect(findings([traffic('some', { ...DROP, filter: { dstPort: ['5000'] } })])).toEqual([]);
    expect(findings([traffic('dscp', { ...DROP, filter: { dSCP: 46 } })])).toEqual([]);
    expect(findings([traffic('udp', { ...DROP, filter: { protocol: ['UDP'] } })])).toEqual([]);
    expect(findings([traffic('pass', { action: 'PASSTHROUGH', filter: {} })])).toEqual([]);
    expect(findings([traffic('off', { ...DROP, filter: {}, state: 'INACTIVE' })])).toEqual([]);
  });
});

describe('unsupported_by_adapter', () => {
  it('names the action a data plane cannot carry out (DUPLICATE on a NEF)', () => {
    expect(findings([traffic('mirror', { action: 'DUPLICATE_DECAPSULATED' })], 'nef')).toEqual([expect.objectContaining({
      code: 'unsupported_by_adapter', severity: 'error', ruleId: 'mirror',
      params: { adapter: 'nef', what: 'action', name: 'DUPLICATE_DECAPSULATED', app: 'hello-edge' },
      message: expect.stringContaining('DUPLICATE_DECAPSULATED'),
    })]);
    expect(findings([traffic('mirror', { action: 'DUPLICATE_DECAPSULATED' })], 'nftables')).toEqual([]);
  });

  it('names each filter field it cannot match on, once per rule', () => {
    const rule = traffic('qos', { trafficFilter: [{ dstAddress: ['198.51.100.0/24'], qCI: 5 }, { tgtTunnelAddress: ['192.0.2.1'], qCI: 7 }] });
    const found = findings([rule], 'nftables');
    expect(found.every((f) => f.code === 'unsupported_by_adapter' && f.params.what === 'field')).toBe(true);
    expect(found.map((f) => f.params.name).sort()).toEqual(['qCI', 'tgtTunnelAddress']);
    expect(findings([rule], 'memory')).toEqual([]);
  });

  it('checks ACTIVE rules only, and leaves out empty lists (they constrain nothing)', () => {
    expect(findings([traffic('off', { action: 'DROP', state: 'INACTIVE' })], 'camara')).toEqual([]);
    expect(findings([traffic('empty', { filter: { dstAddress: ['198.51.100.0/24'], protocol: [] } })], 'camara')).toEqual([]);
    expect(findings([traffic('udp', { filter: { dstAddress: ['198.51.100.0/24'], protocol: ['UDP'] } })], 'camara').map((f) => f.params.name)).toEqual(['protocol']);
  });
});
