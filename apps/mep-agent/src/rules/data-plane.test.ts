/** The agent's data-plane driver with injected adapters whose "kernel" outlives the agent (as nftables tables do). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TDataPlane, TRuleResult } from '@mecport/contracts';
import { MemoryAdapter, type TInstanceRules, type TUpfAdapter } from '@mecport/upf-adapters';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { DataPlane, readDataPlaneRecord, type TCreateAdapter } from './data-plane';
import type { TRuleSet } from './rule-overrides';

const MEMORY: TDataPlane = { adapter: 'memory', settings: {} };
const NFT: TDataPlane = { adapter: 'nftables', settings: {} };
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

const ruleSet = (appInstanceId: string, version: string): TRuleSet => ({
  appInstanceId,
  trafficRules: [{ trafficRuleId: `tr-${version}`, filterType: 'FLOW', priority: 1, trafficFilter: [{ dstPort: ['8090'] }], action: 'PASSTHROUGH', state: 'ACTIVE' }],
  dnsRules: [{ dnsRuleId: `dns-${version}`, domainName: `${version}.mec.example`, ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', state: 'ACTIVE' }],
});

/**
 * A data plane that survives the agent: each instance's rules are replaced in one step (like an
 * nftables table), and `hangAt` makes the n-th apply never finish (the agent killed right there).
 */
class KernelAdapter implements TUpfAdapter {
  applies = 0;
  hangAt: number | undefined;
  constructor(readonly kernel: Map<string, TInstanceRules>, readonly kind: 'memory' | 'nftables' = 'memory') {}
  capabilities() {
    return new MemoryAdapter().capabilities();
  }
  async apply(rules: TInstanceRules): Promise<TRuleResult[]> {
    this.applies += 1;
    if (this.applies === this.hangAt) await new Promise(() => undefined);
    this.kernel.set(rules.appInstanceId, structuredClone(rules));
    return [...rules.trafficRules.map((r) => ({ appInstanceId: rules.appInstanceId, kind: 'traffic' as const, ruleId: r.trafficRuleId, state: 'applied' as const })),
      ...rules.dnsRules.map((r) => ({ appInstanceId: rules.appInstanceId, kind: 'dns' as const, ruleId: r.dnsRuleId, state: 'applied' as const }))];
  }
  remove(appInstanceId: string): Promise<TRuleResult[]> {
    const held = this.kernel.get(appInstanceId);
    this.kernel.delete(appInstanceId);
    return Promise.resolve(held ? held.dnsRules.map((r) => ({ appInstanceId, kind: 'dns' as const, ruleId: r.dnsRuleId, state: 'removed' as const })) : []);
  }
  list(appInstanceId: string) {
    return Promise.resolve(this.kernel.get(appInstanceId) ?? { appInstanceId, trafficRules: [], dnsRules: [] });
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-data-plane-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function dataPlane(create: TCreateAdapter): DataPlane {
  return new DataPlane({ recordPath: join(dir, 'data-plane.json'), adapterDeps: { dataDir: dir, env: {}, log: silentLogger }, log: silentLogger, create });
}
const versionOf = (kernel: Map<string, TInstanceRules>, id: string) => kernel.get(id)?.dnsRules[0]?.dnsRuleId.replace('dns-', '');

describe('the data plane on the agent', () => {
  it('applies every running instance\'s rules, removes those of instances that left, with a result per rule', async () => {
    const kernel = new Map<string, TInstanceRules>();
    const plane = dataPlane(() => Promise.resolve(new KernelAdapter(kernel)));
    await plane.load();
    expect(await plane.apply(MEMORY, [ruleSet(A, 'v1'), ruleSet(B, 'v1')])).toHaveLength(4);
    const results = await plane.apply(MEMORY, [ruleSet(A, 'v2')]);
    expect(results).toEqual([
      { appInstanceId: A, kind: 'traffic', ruleId: 'tr-v2', state: 'applied' },
      { appInstanceId: A, kind: 'dns', ruleId: 'dns-v2', state: 'applied' },
      { appInstanceId: B, kind: 'dns', ruleId: 'dns-v1', state: 'removed' },
    ]);
    expect([...kernel.keys()]).toEqual([A]);
    expect(await readDataPlaneRecord(join(dir, 'data-plane.json'))).toMatchObject({ dataPlane: MEMORY, instances: [A], results });
  });

  it('a failing rule fails alone, with the adapter\'s reason; an adapter that throws or cannot start fails the rules it was given', async () => {
    const memory = new MemoryAdapter();
    memory.failing.set('dns-v1', 'no such interface');
    const plane = dataPlane(() => Promise.resolve(memory));
    expect(await plane.apply(MEMORY, [ruleSet(A, 'v1')])).toEqual([
      { appInstanceId: A, kind: 'traffic', ruleId: 'tr-v1', state: 'applied' },
      { appInstanceId: A, kind: 'dns', ruleId: 'dns-v1', state: 'failed', reason: 'no such interface' },
    ]);

    const throwing = new KernelAdapter(new Map());
    throwing.apply = () => Promise.reject(new Error('nft: Operation not permitted'));
    const broken = dataPlane(() => Promise.resolve(throwing));
    expect((await broken.apply(MEMORY, [ruleSet(A, 'v1')])).map((r) => [r.state, r.reason])).toEqual([['failed', 'nft: Operation not permitted'], ['failed', 'nft: Operation not permitted']]);

    let attempts = 0;
    const unstartable = dataPlane(() => (++attempts === 1 ? Promise.reject(new Error('nft not found')) : Promise.resolve(new MemoryAdapter())));
    expect((await unstartable.apply(NFT, [ruleSet(A, 'v1')]))[0]).toMatchObject({ state: 'failed', reason: 'the nftables adapter could not start: nft not found' });
    expect((await unstartable.apply(NFT, [ruleSet(A, 'v1')]))[0]).toMatchObject({ state: 'applied' }); // tried again, and it starts
  });

  it('killed in the middle of applying: each instance holds its old or its new rules, and the restart applies the new ones and removes the leaving', async () => {
    const kernel = new Map<string, TInstanceRules>();
    const first = dataPlane(() => Promise.resolve(new KernelAdapter(kernel)));
    await first.load();
    await first.apply(MEMORY, [ruleSet(A, 'v1'), ruleSet(B, 'v1'), ruleSet(C, 'v1')]);

    const dying = new KernelAdapter(kernel);
    dying.hangAt = 2; // A gets v2, then the agent dies while B is applied
    const killed = dataPlane(() => Promise.resolve(dying));
    await killed.load();
    void killed.apply(MEMORY, [ruleSet(A, 'v2'), ruleSet(B, 'v2')]); // C leaves in the new set
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([versionOf(kernel, A), versionOf(kernel, B), versionOf(kernel, C)]).toEqual(['v2', 'v1', 'v1']); // old or new per instance, never a mix within one

    const restarted = dataPlane(() => Promise.resolve(new KernelAdapter(kernel)));
    await restarted.load(); // data-plane.json names C as possibly held, though the new set has no C
    await restarted.apply(MEMORY, [ruleSet(A, 'v2'), ruleSet(B, 'v2')]);
    expect([...kernel.entries()].map(([id, r]) => [id, r.dnsRules[0]!.dnsRuleId])).toEqual([[A, 'dns-v2'], [B, 'dns-v2']]);
  });

  it('creates the adapter once, and when the node\'s data plane changes removes the old one\'s rules before the new one takes over (also after a restart)', async () => {
    const kernels = { memory: new Map<string, TInstanceRules>(), nftables: new Map<string, TInstanceRules>() };
    let created = 0;
    const create: TCreateAdapter = (dp) => {
      created += 1;
      return Promise.resolve(new KernelAdapter(kernels[dp.adapter as 'memory' | 'nftables']));
    };
    const plane = dataPlane(create);
    await plane.apply(MEMORY, [ruleSet(A, 'v1')]);
    await plane.apply(MEMORY, [ruleSet(A, 'v2')]);
    expect(created).toBe(1);
    await plane.apply(NFT, [ruleSet(A, 'v2')]);
    expect([kernels.memory.size, kernels.nftables.size]).toEqual([0, 1]);

    const restarted = dataPlane(create);
    await restarted.load();
    await restarted.apply(MEMORY, [ruleSet(A, 'v3')]);
    expect([kernels.memory.size, kernels.nftables.size]).toEqual([1, 0]);
    expect(restarted.adapterKind).toBe('memory');
  });
});
