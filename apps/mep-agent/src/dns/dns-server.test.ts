/** The DNS server on loopback, asked by the real `dig`, with dnsmasq as its upstream resolver. */
import type { ChildProcess } from 'node:child_process';
import type { TDnsRule } from '@mecport/contracts/mec011';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { dig, startDnsmasq, stopProcess } from '../testing/dns-tools';
import { freePort } from '../testing/sample-app';
import { dnsRecords } from './dns-records';
import { DnsServer } from './dns-server';

const rule = (over: Partial<TDnsRule> & Pick<TDnsRule, 'dnsRuleId' | 'domainName' | 'ipAddress'>): TDnsRule => ({ ipAddressType: 'IP_V4', state: 'ACTIVE', ...over });
const RULES = [
  rule({ dnsRuleId: 'd1', domainName: 'hello-edge.mec.example', ipAddress: '127.0.0.1', ttl: 60 }),
  rule({ dnsRuleId: 'd2', domainName: 'v6.mec.example', ipAddressType: 'IP_V6', ipAddress: 'fd00::10', ttl: 30 }),
  rule({ dnsRuleId: 'd3', domainName: 'off.mec.example', ipAddress: '10.0.0.3', state: 'INACTIVE' }),
];

let upstream: ChildProcess | undefined;
let forwarding: DnsServer;
let alone: DnsServer;
let deadUpstream: DnsServer;
const ports: Record<'forwarding' | 'alone' | 'dead' | 'upstream', number> = { forwarding: 0, alone: 0, dead: 0, upstream: 0 };

beforeAll(async () => {
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  upstream = await startDnsmasq(ports.upstream, { 'upstream.test': '10.9.8.7' });
  forwarding = new DnsServer({ host: '127.0.0.1', port: ports.forwarding, upstreams: [{ host: '127.0.0.1', port: ports.upstream }], log: silentLogger });
  alone = new DnsServer({ host: '127.0.0.1', port: ports.alone, upstreams: [], log: silentLogger });
  deadUpstream = new DnsServer({ host: '127.0.0.1', port: ports.dead, upstreams: [{ host: '127.0.0.1', port: await freePort() }], log: silentLogger });
  for (const server of [forwarding, alone, deadUpstream]) {
    await server.start();
    server.setRecords(dnsRecords([{ dnsRules: RULES }]));
  }
});
afterAll(async () => {
  await Promise.all([forwarding, alone, deadUpstream].map((s) => s?.close()));
  await stopProcess(upstream);
});

describe('the agent DNS server', () => {
  it('answers A for an ACTIVE rule with its TTL, authoritatively, whatever the case of the name', async () => {
    const answer = await dig(ports.forwarding, 'HeLLo-Edge.MEC.example', 'A');
    expect(answer.status).toBe('NOERROR');
    expect(answer.flags).toContain('aa');
    expect(answer.answers).toEqual([{ name: 'hello-edge.mec.example.', ttl: 60, type: 'A', data: '127.0.0.1' }]);
    expect(answer.raw).toMatch(/HeLLo-Edge\.MEC\.example\.\s+IN\s+A/); // the question as asked
  });

  it('answers AAAA for an IPv6 rule, and NODATA for the other type of a name it knows', async () => {
    expect((await dig(ports.forwarding, 'v6.mec.example', 'AAAA')).answers).toEqual([{ name: 'v6.mec.example.', ttl: 30, type: 'AAAA', data: 'fd00::10' }]);
    for (const [name, type] of [['v6.mec.example', 'A'], ['hello-edge.mec.example', 'AAAA'], ['hello-edge.mec.example', 'MX']] as const) {
      const nodata = await dig(ports.forwarding, name, type);
      expect(nodata.status, `${type} ${name}`).toBe('NOERROR');
      expect(nodata.answers, `${type} ${name}`).toEqual([]);
      expect(nodata.flags).toContain('aa');
    }
  });

  it('answers over TCP too', async () => {
    expect((await dig(ports.forwarding, 'hello-edge.mec.example', 'A', ['+tcp'])).answers).toEqual([{ name: 'hello-edge.mec.example.', ttl: 60, type: 'A', data: '127.0.0.1' }]);
    expect((await dig(ports.forwarding, 'upstream.test', 'A', ['+tcp'])).answers).toEqual([expect.objectContaining({ type: 'A', data: '10.9.8.7' })]);
  });

  it('forwards every other name to the upstream, and INACTIVE rules are not its own', async () => {
    const forwarded = await dig(ports.forwarding, 'upstream.test', 'A');
    expect(forwarded.status).toBe('NOERROR');
    expect(forwarded.answers).toEqual([expect.objectContaining({ name: 'upstream.test.', type: 'A', data: '10.9.8.7' })]);
    // dnsmasq, with no upstream of its own, refuses what it does not know: the answer is the upstream's
    expect((await dig(ports.forwarding, 'off.mec.example', 'A')).status).toBe('REFUSED');
  });

  it('without upstreams it refuses other names; with none answering it says SERVFAIL', async () => {
    const refused = await dig(ports.alone, 'upstream.test', 'A');
    expect(refused.status).toBe('REFUSED');
    expect(refused.flags).not.toContain('ra');
    expect((await dig(ports.alone, 'hello-edge.mec.example', 'A')).answers).toHaveLength(1);
    expect((await dig(ports.dead, 'upstream.test', 'A', ['+time=5'])).status).toBe('SERVFAIL');
  });

  it('takes new records at once: a rule switched INACTIVE stops answering on the next query (repeated queries too, which it answers from its cache)', async () => {
    const same = ['+nocookie']; // without dig's random cookie, the queries are the same bytes but for their id
    for (let i = 0; i < 3; i += 1) expect((await dig(ports.alone, 'hello-edge.mec.example', 'A', same)).answers).toEqual([{ name: 'hello-edge.mec.example.', ttl: 60, type: 'A', data: '127.0.0.1' }]);
    alone.setRecords(dnsRecords([{ dnsRules: RULES.map((r) => (r.dnsRuleId === 'd1' ? { ...r, state: 'INACTIVE' as const } : r)) }]));
    expect((await dig(ports.alone, 'hello-edge.mec.example', 'A', same)).status).toBe('REFUSED');
    alone.setRecords(dnsRecords([{ dnsRules: RULES.map((r) => (r.dnsRuleId === 'd1' ? { ...r, ipAddress: '127.0.0.2' } : r)) }]));
    expect((await dig(ports.alone, 'hello-edge.mec.example', 'A', same)).answers.map((a) => a.data)).toEqual(['127.0.0.2']);
    alone.setRecords(dnsRecords([{ dnsRules: RULES }]));
    expect((await dig(ports.alone, 'hello-edge.mec.example', 'A', same)).answers.map((a) => a.data)).toEqual(['127.0.0.1']);
  });
});
