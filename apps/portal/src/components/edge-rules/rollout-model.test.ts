import type { TRuleChange } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { canRetry, canRollback, isSettled, rollbackOf, rolloutRows } from './rollout-model';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const node = (n: number, name: string, status: TRuleChange['nodes'][number]['status'], reason: string | null = null) => ({ nodeId: id(n), nodeName: name, version: 2, revision: 7, status, reason });
const change = (nodes: TRuleChange['nodes']): TRuleChange => ({
  id: id(100), kind: 'edit', note: '', status: 'rolling_out', nodes, diff: [], createdBy: 'u', createdByName: 'Olga', createdAt: '2026-12-04T23:00:00Z', rollbackOf: null,
  counts: { pending: nodes.filter((x) => x.status === 'pending').length, applied: nodes.filter((x) => x.status === 'applied').length, failed: nodes.filter((x) => x.status === 'failed').length, superseded: nodes.filter((x) => x.status === 'superseded').length },
});

describe('rollout model', () => {
  it('shows failed nodes first, then pending, then applied, by name', () => {
    const c = change([node(1, 'b', 'applied'), node(2, 'c', 'pending'), node(3, 'z', 'failed', 'nft: syntax error'), node(4, 'a', 'applied')]);
    expect(rolloutRows(c).map((r) => r.nodeName)).toEqual(['z', 'c', 'a', 'b']);
    expect(rolloutRows(c)[0]!.reason).toBe('nft: syntax error');
  });

  it('polls until nothing is pending; retries failed nodes; rolls back once settled and not rolled back yet', () => {
    const rolling = change([node(1, 'a', 'pending'), node(2, 'b', 'failed')]);
    expect(isSettled(rolling)).toBe(false);
    expect(canRetry(rolling)).toBe(true);
    expect(canRollback(rolling, null)).toBe(false);
    const done = change([node(1, 'a', 'applied')]);
    expect(isSettled(done)).toBe(true);
    expect(canRetry(done)).toBe(false);
    expect(canRollback(done, null)).toBe(true);
    expect(canRollback(done, id(101))).toBe(false);
  });

  it('finds the change that rolled one back', () => {
    expect(rollbackOf(id(100), [{ id: id(101), rollbackOf: id(100) }, { id: id(102), rollbackOf: null }])).toBe(id(101));
    expect(rollbackOf(id(102), [{ id: id(101), rollbackOf: id(100) }])).toBeNull();
  });
});
