/**
 * How far a deployment got, from its per-node targets: settled nodes over all, split by status
 * for the progress bar, and the same per batch. Pure, so it is unit-tested.
 *
 * @example
 *   const p = progressOf(detail.targets);   // { total: 4, settled: 2, percent: 50, sections: [...] }
 */
import { TARGET_STATUSES, type TDeployment, type TDeploymentDetail } from '@mecport/contracts';

export type TTargetStatus = (typeof TARGET_STATUSES)[number];
export type TDeploymentStatus = TDeployment['status'];
type TTarget = Pick<TDeploymentDetail['targets'][number], 'batch' | 'status'>;

export const SETTLED_TARGET_STATUSES: readonly TTargetStatus[] = ['succeeded', 'failed', 'skipped', 'rolled_back'];
/** The bar's order: what is done first, what still moves last. */
const SECTION_ORDER: readonly TTargetStatus[] = ['succeeded', 'rolled_back', 'failed', 'skipped', 'applying'];

export const TARGET_STATUS_COLORS: Record<TTargetStatus, string> = {
  pending: 'gray', applying: 'blue', succeeded: 'green', failed: 'red', skipped: 'gray.5', rolled_back: 'orange',
};
export const DEPLOYMENT_STATUS_COLORS: Record<TDeploymentStatus, string> = {
  pending: 'gray', running: 'blue', succeeded: 'green', failed: 'red', rolled_back: 'orange', stopped: 'gray',
};

/** Still moving: the detail page keeps polling. */
export function isDeploymentActive(status: TDeploymentStatus): boolean {
  return status === 'pending' || status === 'running';
}

export interface TProgress {
  total: number;
  settled: number;
  /** Settled share, 0-100, rounded down so 100 means every node is done. */
  percent: number;
  counts: Record<TTargetStatus, number>;
  /** Non-empty statuses in bar order with their share of all targets (0-100). */
  sections: { status: TTargetStatus; count: number; value: number }[];
}

export function emptyCounts(): Record<TTargetStatus, number> {
  return Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TTargetStatus, number>;
}

export function progressOfCounts(counts: Record<TTargetStatus, number>): TProgress {
  const total = TARGET_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const settled = SETTLED_TARGET_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const sections = SECTION_ORDER.filter((s) => counts[s] > 0).map((status) => ({ status, count: counts[status], value: total ? (counts[status] / total) * 100 : 0 }));
  return { total, settled, percent: total ? Math.floor((settled / total) * 100) : 0, counts, sections };
}

export function progressOf(targets: readonly TTarget[]): TProgress {
  const counts = emptyCounts();
  for (const t of targets) counts[t.status] += 1;
  return progressOfCounts(counts);
}

/** The targets grouped by batch, in rollout order, each with its own progress. */
export function batchesOf<T extends TTarget>(targets: readonly T[]): { batch: number; targets: T[]; progress: TProgress }[] {
  const byBatch = new Map<number, T[]>();
  for (const t of targets) byBatch.set(t.batch, [...(byBatch.get(t.batch) ?? []), t]);
  return [...byBatch.entries()].sort(([a], [b]) => a - b).map(([batch, list]) => ({ batch, targets: list, progress: progressOf(list) }));
}
