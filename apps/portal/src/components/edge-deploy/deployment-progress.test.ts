import { describe, expect, it } from 'vitest';
import { batchesOf, isDeploymentActive, progressOf, type TTargetStatus } from './deployment-progress';

const t = (batch: number, status: TTargetStatus) => ({ batch, status });

describe('progressOf', () => {
  it('counts settled targets over all and orders the bar\'s sections', () => {
    const p = progressOf([t(0, 'succeeded'), t(0, 'failed'), t(1, 'applying'), t(1, 'pending')]);
    expect(p).toMatchObject({ total: 4, settled: 2, percent: 50 });
    expect(p.sections).toEqual([
      { status: 'succeeded', count: 1, value: 25 },
      { status: 'failed', count: 1, value: 25 },
      { status: 'applying', count: 1, value: 25 },
    ]);
  });

  it('reaches 100 only when every target settled', () => {
    expect(progressOf([t(0, 'succeeded'), t(0, 'succeeded'), t(1, 'applying')]).percent).toBe(66);
    expect(progressOf([t(0, 'succeeded'), t(1, 'skipped'), t(2, 'rolled_back')]).percent).toBe(100);
    expect(progressOf([]).percent).toBe(0);
  });
});

describe('batchesOf', () => {
  it('groups targets by batch in rollout order, each with its progress', () => {
    const batches = batchesOf([t(1, 'pending'), t(0, 'succeeded'), t(1, 'applying'), t(0, 'succeeded')]);
    expect(batches.map((b) => [b.batch, b.targets.length, b.progress.percent])).toEqual([[0, 2, 100], [1, 2, 0]]);
  });
});

describe('isDeploymentActive', () => {
  it('is true until the deployment finished', () => {
    expect(isDeploymentActive('running')).toBe(true);
    expect(isDeploymentActive('pending')).toBe(true);
    for (const s of ['succeeded', 'failed', 'rolled_back', 'stopped'] as const) expect(isDeploymentActive(s)).toBe(false);
  });
});
