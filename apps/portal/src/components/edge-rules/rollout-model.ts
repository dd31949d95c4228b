/**
 * An applied change's rollout (ZRuleChange) as the change page shows it: nodes that need the
 * operator first (failed, then pending), whether to keep polling (until no node is pending),
 * and what may be done next (retry failed nodes; roll back once the rollout has settled).
 *
 * @example
 *   rolloutRows(change)[0] // the first failed node, with its adapter's reason
 */
import type { TRuleChange } from '@mecport/contracts';

export type TRolloutRow = TRuleChange['nodes'][number];
const ORDER: Record<TRolloutRow['status'], number> = { failed: 0, pending: 1, applied: 2, superseded: 3 };

export function rolloutRows(change: TRuleChange): TRolloutRow[] {
  return [...change.nodes].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.nodeName.localeCompare(b.nodeName));
}

/** No node waits for its agent any more: polling can stop. */
export const isSettled = (change: TRuleChange): boolean => change.counts.pending === 0;
export const canRetry = (change: TRuleChange): boolean => change.counts.failed > 0;
/** A rollback restores every node's version from before; done once nothing is pending, and not twice. */
export const canRollback = (change: TRuleChange, rolledBackBy: string | null): boolean => isSettled(change) && rolledBackBy === null;

export const STATUS_COLOR: Record<TRolloutRow['status'] | TRuleChange['status'], string> = {
  pending: 'blue', applied: 'green', failed: 'red', superseded: 'gray', rolling_out: 'blue', partially_failed: 'orange',
};

/** The change that rolled this one back, from the list of changes (newest first). */
export function rollbackOf(changeId: string, changes: readonly Pick<TRuleChange, 'id' | 'rollbackOf'>[]): string | null {
  return changes.find((c) => c.rollbackOf === changeId)?.id ?? null;
}
