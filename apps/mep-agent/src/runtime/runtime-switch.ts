/**
 * The runtime the agent uses: routes each spec to the process runtime or, for a container app
 * (`spec.container` set), to the podman runtime, and answers for both (instances, logs, changes).
 * A node without a working podman has no podman runtime: a container spec is then refused with a
 * message naming the node.
 *
 * An instance lives in one runtime at a time: when an upgrade moves it to the other one (a process
 * app whose next version is a container), the old runtime's record is removed as it starts.
 *
 * @example
 *   const runtime = new RuntimeSwitch({ process: processRuntime, podman: podmanRuntime, hostname: os.hostname() });
 *   await runtime.start(containerSpec); // played by podman
 */
import type { AppRuntime, TInstanceSpec, TRuntimeInstance, TRuntimeListener } from './app-runtime';

export class NoContainerRuntimeError extends Error {
  constructor(hostname: string) {
    super(`this node has no container runtime: podman is not installed (or does not work) on ${hostname}`);
    this.name = 'NoContainerRuntimeError';
  }
}

export interface TRuntimeSwitchOptions {
  process: AppRuntime;
  /** undefined: podman is not installed or does not work here (or not known yet: see usePodman). */
  podman?: AppRuntime;
  /** Named in the refusal of a container spec. */
  hostname: string;
}

export class RuntimeSwitch implements AppRuntime {
  constructor(private readonly options: TRuntimeSwitchOptions) {}

  /** The agent found a working podman at start (before `load`). */
  usePodman(podman: AppRuntime): void {
    this.options.podman = podman;
  }

  get hasPodman(): boolean {
    return this.options.podman !== undefined;
  }

  private get all(): AppRuntime[] {
    return this.options.podman ? [this.options.process, this.options.podman] : [this.options.process];
  }

  /** The runtime a spec runs in; throws for a container spec on a node without podman. */
  private runtimeFor(spec: TInstanceSpec): AppRuntime {
    if (!spec.container) return this.options.process;
    if (!this.options.podman) throw new NoContainerRuntimeError(this.options.hostname);
    return this.options.podman;
  }

  /** The runtimes holding a record of the instance. */
  private holders(appInstanceId: string): AppRuntime[] {
    return this.all.filter((r) => r.get(appInstanceId) !== undefined);
  }

  async load(): Promise<void> {
    await Promise.all(this.all.map((r) => r.load()));
  }

  instances(): TRuntimeInstance[] {
    return this.all.flatMap((r) => r.instances());
  }

  get(appInstanceId: string): TRuntimeInstance | undefined {
    for (const runtime of this.all) {
      const found = runtime.get(appInstanceId);
      if (found) return found;
    }
    return undefined;
  }

  async start(spec: TInstanceSpec): Promise<void> {
    const target = this.runtimeFor(spec);
    for (const other of this.holders(spec.appInstanceId)) {
      if (other !== target) await other.remove(spec.appInstanceId, spec.gracefulTerminationSec);
    }
    await target.start(spec);
  }

  async adopt(spec: TInstanceSpec): Promise<boolean> {
    if (spec.container && !this.options.podman) return false; // start() says why
    return this.runtimeFor(spec).adopt(spec);
  }

  async stop(appInstanceId: string, graceSec: number): Promise<void> {
    for (const runtime of this.holders(appInstanceId)) await runtime.stop(appInstanceId, graceSec);
  }

  async remove(appInstanceId: string, graceSec: number): Promise<void> {
    for (const runtime of this.holders(appInstanceId)) await runtime.remove(appInstanceId, graceSec);
  }

  async logsTail(appInstanceId: string, maxLines: number): Promise<string[]> {
    return (await this.holders(appInstanceId)[0]?.logsTail(appInstanceId, maxLines)) ?? [];
  }

  async logVersion(appInstanceId: string): Promise<string | undefined> {
    return this.holders(appInstanceId)[0]?.logVersion(appInstanceId);
  }

  onChange(listener: TRuntimeListener): void {
    for (const runtime of this.all) runtime.onChange(listener);
  }

  async detach(): Promise<void> {
    await Promise.all(this.all.map((r) => r.detach()));
  }
}
