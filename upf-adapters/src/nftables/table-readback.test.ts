import { describe, expect, it } from 'vitest';
import { readRules, toTrafficRules } from './table-readback';

// `nft -j -n list table ip ...` of a table holding a FORWARD (two filters' worth) and an INACTIVE DROP, as nft 1.0.6 prints it.
const match = (left: unknown, right: unknown) => ({ match: { op: '==', left, right } });
const LISTING = JSON.stringify({ nftables: [
  { metainfo: { version: '1.0.6' } },
  { table: { family: 'ip', name: 'mecport_x', handle: 1 } },
  { rule: { family: 'ip', table: 'mecport_x', chain: 'filter', comment: 'f|4|0|FLOW|FORWARD_DECAPSULATED', expr: [
    match({ payload: { protocol: 'ip', field: 'saddr' } }, { set: [{ prefix: { addr: '10.0.0.0', len: 24 } }, '10.2.0.1'] }),
    match({ meta: { key: 'l4proto' } }, { set: [6, 17] }),
    match({ payload: { protocol: 'th', field: 'dport' } }, { set: [{ range: [80, 81] }, 443] }),
    { accept: null }] } },
  { rule: { family: 'ip', table: 'mecport_x', chain: 'steer', comment: 'f|4|0|FLOW|FORWARD_DECAPSULATED', expr: [
    match({ payload: { protocol: 'ip', field: 'saddr' } }, { set: [{ prefix: { addr: '10.0.0.0', len: 24 } }, '10.2.0.1'] }),
    match({ meta: { key: 'l4proto' } }, { set: [6, 17] }),
    match({ payload: { protocol: 'th', field: 'dport' } }, { set: [{ range: [80, 81] }, 443] }),
    { dnat: { addr: '10.1.0.2' } }] } },
  { rule: { family: 'ip', table: 'mecport_x', chain: 'inactive', comment: 'd|0|0|PACKET|DROP', expr: [match({ payload: { protocol: 'ip', field: 'dscp' } }, 46), { drop: null }] } },
  { rule: { family: 'ip', table: 'mecport_x', chain: 'filter', expr: [{ drop: null }] } },
] });

describe('table read-back', () => {
  it('reads the MECport rules (those with a comment) with their verdicts and targets', () => {
    const read = readRules(LISTING);
    expect(read.map((r) => [r.chain, r.verdict, r.target, r.foreign])).toEqual([['filter', 'accept', undefined, 0], ['steer', 'dnat', '10.1.0.2', 0], ['inactive', 'drop', undefined, 0]]);
  });

  it('turns them back into MEC 011 rules in priority order, INACTIVE from the unhooked chain', () => {
    expect(toTrafficRules(readRules(LISTING))).toEqual([
      { trafficRuleId: 'd', priority: 0, filterType: 'PACKET', action: 'DROP', state: 'INACTIVE', trafficFilter: [{ dSCP: 46 }] },
      { trafficRuleId: 'f', priority: 4, filterType: 'FLOW', action: 'FORWARD_DECAPSULATED', state: 'ACTIVE', dstInterface: { interfaceType: 'IP', dstIpAddress: '10.1.0.2' },
        trafficFilter: [{ srcAddress: ['10.0.0.0/24', '10.2.0.1'], protocol: ['TCP', 'UDP'], dstPort: ['80-81', '443'] }] },
    ]);
  });

  it('reads a single protocol with ports, which nft folds into the header name (`udp dport 5000`)', () => {
    const folded = JSON.stringify({ nftables: [{ rule: { family: 'ip', chain: 'filter', comment: 'u|1|0|FLOW|DROP', expr: [match({ payload: { protocol: 'udp', field: 'dport' } }, 5000), { drop: null }] } }] });
    expect(toTrafficRules(readRules(folded))[0]!.trafficFilter).toEqual([{ protocol: ['UDP'], dstPort: ['5000'] }]);
  });

  it('counts expressions MECport never writes, so a hand-edited rule is not taken for applied', () => {
    const edited = LISTING.replace('{"accept":null}', '{"counter":{"packets":0,"bytes":0}},{"accept":null}');
    expect(readRules(edited)[0]!.foreign).toBe(1);
  });
});
