import { describe, expect, it } from 'vitest';
import { podmanOnNode, runtimeMismatch } from './node-runtime-model';

describe('node runtime model', () => {
  it('says whether the agent reported Podman, and unknown until it reports', () => {
    expect(podmanOnNode({ runtimes: ['process', 'podman'] })).toBe('available');
    expect(podmanOnNode({ runtimes: ['process'] })).toBe('missing');
    expect(podmanOnNode({ runtimes: null })).toBe('unknown');
  });

  it('flags a Podman setting on a node whose agent has no Podman, not one still unknown', () => {
    const podman = { container: 'podman' as const, registries: [] };
    expect(runtimeMismatch({ runtime: podman, runtimes: ['process'] })).toBe(true);
    expect(runtimeMismatch({ runtime: podman, runtimes: null })).toBe(false);
    expect(runtimeMismatch({ runtime: podman, runtimes: ['process', 'podman'] })).toBe(false);
    expect(runtimeMismatch({ runtime: { container: 'none', registries: [] }, runtimes: ['process'] })).toBe(false);
  });
});
