/**
 * Real packets through the nftables adapter: a UE in one network namespace sends UDP and TCP to a
 * server in the "core" namespace through an edge node namespace, where the adapter's tables live;
 * the rules steer some flows to the local app's namespace, drop some, mirror some. Needs root
 * (CI runs as root): without it the tests fail, saying so, rather than skip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { createUpfAdapter } from '../create-upf-adapter';
import type { TUpfAdapter } from '../upf-adapter';
import { NftablesAdapter } from './nftables-adapter';
import { ADDR, assertCanBuildLab, createLab, destroyLab, inNs, probe, type TLab } from './testing/netns-lab';

const INSTANCE = '5e1f0c2a-7b3d-4e8f-9a01-23456789abcd';
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PORTS = { steered: 5000, dropped: 5001, inactive: 5002, passthrough: 5003, mirrored: 5004, tcpRange: 7001 };

const toApp = { interfaceType: 'IP', dstIpAddress: ADDR.app4 } as const;
const rule = (id: string, priority: number, action: TTrafficRule['action'], filter: TTrafficRule['trafficFilter'][number], extra: Partial<TTrafficRule> = {}): TTrafficRule =>
  ({ trafficRuleId: id, filterType: 'FLOW', priority, action, state: 'ACTIVE', trafficFilter: [filter], ...extra });

const V1: TTrafficRule[] = [
  rule('steer-udp', 10, 'FORWARD_DECAPSULATED', { dstAddress: [ADDR.core4], protocol: ['UDP'], dstPort: [String(PORTS.steered)] }, { dstInterface: toApp }),
  rule('steer-v6', 10, 'FORWARD_ENCAPSULATED', { dstAddress: [ADDR.core6], protocol: ['UDP'], dstPort: [String(PORTS.steered)] }, { dstInterface: { interfaceType: 'IP', dstIpAddress: ADDR.app6 } }),
  rule('steer-tcp-range', 11, 'FORWARD_DECAPSULATED', { dstAddress: ['10.213.3.0/24'], protocol: ['TCP'], dstPort: ['7000-7010'] }, { dstInterface: toApp }),
  rule('drop-udp', 12, 'DROP', { srcAddress: ['10.213.1.0/24'], dstPort: [String(PORTS.dropped)] }),
  rule('inactive', 13, 'FORWARD_DECAPSULATED', { dstPort: [String(PORTS.inactive)] }, { dstInterface: toApp, state: 'INACTIVE' }),
  // PASSTHROUGH at priority 1 wins over the catch-all FORWARD below it for the UE's flows to this port.
  rule('pass', 1, 'PASSTHROUGH', { srcAddress: [`${ADDR.ue4}/32`], dstPort: [String(PORTS.passthrough)] }),
  rule('steer-all-3', 200, 'FORWARD_DECAPSULATED', { dstPort: [String(PORTS.passthrough)] }, { dstInterface: toApp }),
  rule('mirror', 14, 'DUPLICATE_DECAPSULATED', { dstAddress: [ADDR.core4], protocol: ['UDP'], dstPort: [String(PORTS.mirrored)] }, { dstInterface: toApp }),
];

let lab: TLab | undefined;
let adapter: TUpfAdapter;

beforeAll(async () => {
  await assertCanBuildLab();
  lab = await createLab(Object.values(PORTS));
  adapter = await createUpfAdapter({ adapter: 'nftables', settings: { netns: lab.ns.node } }, { dataDir: '/tmp', env: {}, log });
  // Counts, inside the app's namespace, the mirrored copies arriving there (they keep the core's address).
  await inNs(lab.ns.app, 'nft', `add table ip probe; add chain ip probe pre { type filter hook prerouting priority -300; }; add rule ip probe pre ip daddr ${ADDR.core4} udp dport ${PORTS.mirrored} counter`);
});

afterAll(async () => {
  await destroyLab(lab);
});

async function mirroredCopies(): Promise<number> {
  const listing = JSON.parse(await inNs(lab!.ns.app, 'nft', '-j', 'list', 'table', 'ip', 'probe')) as { nftables: { rule?: { expr: { counter?: { packets: number } }[] } }[] };
  return listing.nftables.flatMap((i) => i.rule?.expr ?? []).find((e) => e.counter)?.counter?.packets ?? 0;
}

async function whoAnswers(): Promise<Record<string, string>> {
  const l = lab!;
  const [steered, steeredV6, tcpRange, dropped, inactive, passthrough, tcpOnUdpRule] = await Promise.all([
    probe(l, 'udp', ADDR.core4, PORTS.steered), probe(l, 'udp', ADDR.core6, PORTS.steered), probe(l, 'tcp', ADDR.core4, PORTS.tcpRange),
    probe(l, 'udp', ADDR.core4, PORTS.dropped), probe(l, 'udp', ADDR.core4, PORTS.inactive), probe(l, 'udp', ADDR.core4, PORTS.passthrough),
    probe(l, 'tcp', ADDR.core4, PORTS.steered),
  ]);
  return { steered, steeredV6, tcpRange, dropped, inactive, passthrough, tcpOnUdpRule };
}

const UNSTEERED = { steered: 'core', steeredV6: 'core', tcpRange: 'core', dropped: 'core', inactive: 'core', passthrough: 'core', tcpOnUdpRule: 'core' };
const AS_V1 = { steered: 'app', steeredV6: 'app', tcpRange: 'app', dropped: 'none', inactive: 'core', passthrough: 'core', tcpOnUdpRule: 'core' };

describe('nftables adapter, real packets between network namespaces', () => {
  it('without rules, every flow reaches the core', async () => {
    expect(await whoAnswers()).toEqual(UNSTEERED);
  });

  it('applies the rules and reads them back: steered flows reach the app, the dropped one nothing, INACTIVE and PASSTHROUGH the core', async () => {
    const results = await adapter.apply({ appInstanceId: INSTANCE, trafficRules: V1, dnsRules: [] });
    expect(results.map((r) => [r.ruleId, r.state, r.reason])).toEqual(V1.map((r) => [r.trafficRuleId, 'applied', undefined]));
    expect(await whoAnswers()).toEqual(AS_V1);
  });

  it('mirrors with dup: the flow still reaches the core and a copy reaches the app', async () => {
    const before = await mirroredCopies();
    expect(await probe(lab!, 'udp', ADDR.core4, PORTS.mirrored)).toBe('core');
    expect(await mirroredCopies()).toBeGreaterThan(before);
  });

  it('is idempotent: the same rules again change nothing', async () => {
    const results = await adapter.apply({ appInstanceId: INSTANCE, trafficRules: V1, dnsRules: [] });
    expect(results.every((r) => r.state === 'applied')).toBe(true);
    expect((await adapter.list(INSTANCE)).trafficRules.map((r) => r.trafficRuleId)).toHaveLength(V1.length);
  });

  it('is atomic: a rule set nft refuses fails every rule with nft\'s reason and leaves the previous table working', async () => {
    const before = await adapter.list(INSTANCE);
    // A valid IPv6 address in mixed notation (RFC 4291 2.2, accepted by the portal's checks) that nft 1.0.6's parser refuses.
    const refused = rule('refused', 5, 'DROP', { dstAddress: ['1:2:3:4:5:6:1.2.3.4'] });
    const v2 = [...V1.filter((r) => r.trafficRuleId !== 'drop-udp'), refused];
    const results = await adapter.apply({ appInstanceId: INSTANCE, trafficRules: v2, dnsRules: [] });
    expect(new Set(results.map((r) => r.state))).toEqual(new Set(['failed']));
    expect(results[0]!.reason).toMatch(/Error: syntax error/);
    expect(await adapter.list(INSTANCE)).toEqual(before);
    expect(await whoAnswers()).toEqual(AS_V1);
  });

  it('after an agent restart, a new adapter lists the rules the kernel kept', async () => {
    const restarted = new NftablesAdapter({ netns: lab!.ns.node, nftPath: 'nft', ipPath: 'ip' }, log);
    const listed = await restarted.list(INSTANCE);
    expect(listed.trafficRules.map((r) => [r.trafficRuleId, r.state, r.action, r.priority, r.dstInterface?.dstIpAddress])).toEqual(
      [...V1].sort((a, b) => a.priority - b.priority || (a.trafficRuleId < b.trafficRuleId ? -1 : 1)).map((r) => [r.trafficRuleId, r.state, r.action, r.priority, r.dstInterface?.dstIpAddress]),
    );
    expect(listed.trafficRules.find((r) => r.trafficRuleId === 'steer-tcp-range')!.trafficFilter).toEqual([{ dstAddress: ['10.213.3.0/24'], protocol: ['TCP'], dstPort: ['7000-7010'] }]);
    expect(await restarted.listInstanceIds()).toContain(INSTANCE);
  });

  it('a rule removed from the set stops steering; an app switching one ACTIVE starts it', async () => {
    const v3 = V1.filter((r) => r.trafficRuleId !== 'steer-udp').map((r) => (r.trafficRuleId === 'inactive' ? { ...r, state: 'ACTIVE' as const } : r));
    const results = await adapter.apply({ appInstanceId: INSTANCE, trafficRules: v3, dnsRules: [] });
    expect(results.every((r) => r.state === 'applied')).toBe(true);
    expect(await whoAnswers()).toEqual({ ...AS_V1, steered: 'core', inactive: 'app' });
  });

  it('remove deletes the tables: every flow reaches the core again, and list is empty', async () => {
    const removed = await adapter.remove(INSTANCE);
    expect(removed.map((r) => r.state)).toEqual(Array(V1.length - 1).fill('removed'));
    expect((await adapter.list(INSTANCE)).trafficRules).toEqual([]);
    expect(await whoAnswers()).toEqual(UNSTEERED);
    expect(await adapter.remove(INSTANCE)).toEqual([]);
  });

  it('answers failed with the reason when nft cannot run, and never throws from apply', async () => {
    const missing = new NftablesAdapter({ netns: lab!.ns.node, nftPath: '/nonexistent/nft', ipPath: 'ip' }, log);
    const noNs = new NftablesAdapter({ netns: `${lab!.ns.node}-gone`, nftPath: 'nft', ipPath: 'ip' }, log);
    const noIp = new NftablesAdapter({ netns: lab!.ns.node, nftPath: 'nft', ipPath: '/nonexistent/ip' }, log);
    const rules = { appInstanceId: INSTANCE, trafficRules: [V1[0]!], dnsRules: [] };
    expect((await missing.apply(rules))[0]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/nonexistent\/nft/) });
    expect((await noNs.apply(rules))[0]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/network namespace/) });
    expect((await noIp.apply(rules))[0]).toMatchObject({ state: 'failed', reason: expect.stringMatching(/not found: install nftables and iproute2|\/nonexistent\/ip not found/) });
  });
});
