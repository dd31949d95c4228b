/** The runtime switch with two in-memory runtimes: routing by `spec.container`, the refusal without podman, moving an instance between runtimes. */
import { randomUUID } from 'node:crypto';
import { ZProcessBundle } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import type { AppRuntime, TInstanceSpec, TRuntimeInstance, TRuntimeListener } from './app-runtime';
import { NoContainerRuntimeError, RuntimeSwitch } from './runtime-switch';

/** Keeps instances in a map; `calls` says what it was asked. */
class MemoryRuntime implements AppRuntime {
  readonly calls: string[] = [];
  private readonly running = new Map<string, TRuntimeInstance>();
  async load() {
    this.calls.push('load');
  }
  instances() {
    return [...this.running.values()];
  }
  get(id: string) {
    return this.running.get(id);
  }
  async start(spec: TInstanceSpec) {
    this.calls.push(`start ${spec.appInstanceId}`);
    this.running.set(spec.appInstanceId, { spec, status: { state: 'RUNNING', restarts: 0, pid: 1, startedAt: null, message: null } });
  }
  async adopt(spec: TInstanceSpec) {
    this.calls.push(`adopt ${spec.appInstanceId}`);
    return this.running.get(spec.appInstanceId)?.spec.configHash === spec.configHash;
  }
  async stop(id: string) {
    this.calls.push(`stop ${id}`);
  }
  async remove(id: string) {
    this.calls.push(`remove ${id}`);
    this.running.delete(id);
  }
  async logsTail(id: string) {
    return [`log of ${id}`];
  }
  async logVersion() {
    return '1';
  }
  onChange(_listener: TRuntimeListener) {}
  async detach() {
    this.calls.push('detach');
  }
}

function spec(container: boolean, appInstanceId: string = randomUUID()): TInstanceSpec {
  return {
    appInstanceId, appName: 'a', appVersionId: randomUUID(), version: '1', packageSha256: 'a'.repeat(64), bundleDir: '/tmp/x',
    bundle: ZProcessBundle.parse({ command: ['node', 'app.js'] }), env: {}, gracefulTerminationSec: 1, configHash: randomUUID().slice(0, 8),
    ...(container ? { container: { kubeFiles: ['/tmp/x/app.yaml'], images: [{ name: 'img', imageId: 'f'.repeat(64), digest: `sha256:${'0'.repeat(64)}` }] } } : {}),
  };
}

describe('RuntimeSwitch', () => {
  it('runs a container spec in podman and a process spec in the process runtime, and answers for both', async () => {
    const processes = new MemoryRuntime();
    const podman = new MemoryRuntime();
    const runtime = new RuntimeSwitch({ process: processes, podman, hostname: 'edge-1' });
    await runtime.load();
    const [a, b] = [spec(false), spec(true)];
    await runtime.start(a);
    await runtime.start(b);
    expect(processes.instances().map((i) => i.spec.appInstanceId)).toEqual([a.appInstanceId]);
    expect(podman.instances().map((i) => i.spec.appInstanceId)).toEqual([b.appInstanceId]);
    expect(runtime.instances().map((i) => i.spec.appInstanceId)).toEqual([a.appInstanceId, b.appInstanceId]);
    expect(runtime.get(b.appInstanceId)?.spec).toBe(b);
    expect(await runtime.logsTail(b.appInstanceId, 5)).toEqual([`log of ${b.appInstanceId}`]);
    expect(await runtime.adopt(b)).toBe(true);
    expect(podman.calls).toContain(`adopt ${b.appInstanceId}`);
    await runtime.detach();
    expect([processes.calls.at(-1), podman.calls.at(-1)]).toEqual(['detach', 'detach']);
  });

  it('refuses a container spec on a node without podman, naming the node, and never adopts one there', async () => {
    const runtime = new RuntimeSwitch({ process: new MemoryRuntime(), podman: undefined, hostname: 'edge-7' });
    const s = spec(true);
    expect(await runtime.adopt(s)).toBe(false);
    await expect(runtime.start(s)).rejects.toThrow(new NoContainerRuntimeError('edge-7'));
    await expect(runtime.start(s)).rejects.toThrow('this node has no container runtime: podman is not installed (or does not work) on edge-7');
    expect(runtime.instances()).toEqual([]);
  });

  it('moves an instance whose new version is a container out of the process runtime as it starts in podman', async () => {
    const processes = new MemoryRuntime();
    const podman = new MemoryRuntime();
    const runtime = new RuntimeSwitch({ process: processes, podman, hostname: 'edge-1' });
    const id = randomUUID();
    await runtime.start(spec(false, id));
    await runtime.stop(id, 1);
    expect(processes.calls).toContain(`stop ${id}`);
    await runtime.start(spec(true, id));
    expect(processes.calls).toContain(`remove ${id}`);
    expect(runtime.instances().map((i) => Boolean(i.spec.container))).toEqual([true]);
  });
});
