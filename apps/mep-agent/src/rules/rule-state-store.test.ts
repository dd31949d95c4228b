import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuleStateStore, type TRuleStateChange } from './rule-state-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-rule-states-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const change = (ruleId: string, state: 'ACTIVE' | 'INACTIVE', at = new Date().toISOString()): TRuleStateChange => ({ appInstanceId: '6d1f4a52-2a8e-4c3e-9a59-1f0b6f4f8c11', kind: 'dns', ruleId, state, at });

describe('the rule-state store', () => {
  it('keeps overrides and unsent changes across a restart', async () => {
    const store = new RuleStateStore(join(dir, 'rule-states.json'));
    await store.load();
    await store.record(change('dns-1', 'INACTIVE'));
    await store.record(change('dns-2', 'INACTIVE'));
    const again = new RuleStateStore(join(dir, 'rule-states.json'));
    await again.load();
    expect(again.unsent.map((c) => c.ruleId)).toEqual(['dns-1', 'dns-2']);
    expect(again.overrides.map((o) => [o.ruleId, o.supersededAt])).toEqual([['dns-1', null], ['dns-2', null]]);
  });

  it('a later switch of the same rule replaces the override; both changes are reported in order', async () => {
    const store = new RuleStateStore(join(dir, 'rule-states.json'));
    await store.record(change('dns-1', 'INACTIVE', '2026-12-04T00:00:01Z'));
    await store.record(change('dns-1', 'ACTIVE', '2026-12-04T00:00:02Z'));
    expect(store.overrides.map((o) => o.state)).toEqual(['ACTIVE']);
    expect(store.unsent.map((c) => c.state)).toEqual(['INACTIVE', 'ACTIVE']);
  });

  it('once taken, an override holds until the version the portal named (or the next one) is applied', async () => {
    const store = new RuleStateStore(join(dir, 'rule-states.json'));
    await store.record(change('dns-1', 'INACTIVE'));
    await store.record(change('dns-2', 'INACTIVE'));
    await store.settled(store.unsent.slice(0, 1), 7, 3);
    expect(store.unsent.map((c) => c.ruleId)).toEqual(['dns-2']);
    await store.settled(store.unsent, undefined, 3);
    expect(store.overrides.map((o) => [o.ruleId, o.supersededAt])).toEqual([['dns-1', 7], ['dns-2', 4]]);
    await store.prune(4);
    expect(store.overrides.map((o) => o.ruleId)).toEqual(['dns-1']);
    await store.prune(7);
    expect(store.overrides).toEqual([]);
    const again = new RuleStateStore(join(dir, 'rule-states.json'));
    await again.load();
    expect(again.overrides).toEqual([]);
  });
});
