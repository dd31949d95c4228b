/**
 * Supervises one instance's pod as ProcessSupervisor does a process: plays it (`podman kube
 * play` of the YAML the runtime wrote) or adopts one that survived an agent restart; health checks
 * on the published ports (STARTING -> RUNNING); the restart policy with the same backoff and
 * CRASH_LOOP rule (the pod's own restartPolicy is Never, so podman never restarts behind the
 * agent's back); stop with the instance's graceful time (`podman pod stop -t`).
 *
 * How an exit is noticed: every `livenessPollMs` the supervisor reads /proc for each container's
 * main process (pid, start time and boot id from the record), as the process runtime does for
 * adopted processes. That costs a few file reads and no podman process while all is well; podman
 * is asked only when a process is gone (for its exit code). A `podman events` child would tell at
 * once, but it is a second resident Go process (~40 MB) on a node whose agent should stay small,
 * and polling `podman ps` would start a podman process every second.
 */
import { constants } from 'node:os';
import type { TInstanceState } from '@mecport/contracts';
import type { TLogger } from '../../log';
import type { TPause } from '../../pause';
import type { TRuntimeStatus } from '../app-runtime';
import { probe } from '../health-probe';
import type { TRestartOptions } from '../process-record';
import { isSameProcess } from '../proc-info';
import { adopted, cannotStart, exitedWith, healthFailed, killedBy, restarting, stopping, type TStatusMessage } from '../status-message';
import { podName } from './pod-labels';
import { appendNote } from './pod-logs';
import { listContainers, listPods, readPod, tolerateMissing } from './pod-state';
import type { PodmanCli } from './podman-cli';
import type { TPodmanRecord, TPodRecord } from './podman-record';

export interface TPodSupervisorContext {
  podman: PodmanCli;
  agentId: string;
  /** The rewritten kube YAML of the record's spec. */
  yamlPath: string;
  /** The agent's notes about this pod (what it played, why a play failed). */
  notesPath: string;
  /** podman names of the app's containers (`<pod>-<name>`; init containers are not watched). */
  containerNames: string[];
  options: TRestartOptions;
  log: TLogger;
  pause: TPause;
  persist(record: TPodmanRecord): Promise<void>;
  notify(status: TRuntimeStatus): void;
}

/** podman kube play: the pod gets its own network namespace and reaches the host loopback at 10.0.2.2 (ADR 0010). */
export const PLAY_ARGS = ['kube', 'play', '--network', 'slirp4netns:allow_host_loopback=true', '--log-driver', 'k8s-file', '--log-opt', 'max-size=5mb'];

/** What a container's exit code says: 128+n is signal n (podman's convention). */
function exitMessage(code: number | null): TStatusMessage {
  if (code !== null && code > 128) {
    const signal = Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0];
    if (signal) return killedBy(signal);
  }
  return exitedWith(code);
}

export class PodSupervisor {
  private stopRequested = false;
  private live = false;
  private killedForHealth = false;
  private healthFailures = 0;
  private healthy = false;
  private checkingExit = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private restartTimer: NodeJS.Timeout | undefined;
  private inflight: Promise<void> | undefined;
  private healthMessage: TStatusMessage | undefined;

  constructor(readonly record: TPodmanRecord, private readonly ctx: TPodSupervisorContext) {}

  get spec() {
    return this.record.spec;
  }

  get name(): string {
    return podName(this.spec.appInstanceId);
  }

  status(): TRuntimeStatus {
    const { state, restarts, startedAt, message, messageCode, messageParams, images } = this.record;
    const pid = this.record.pod?.containers.find((c) => c.process)?.process?.pid ?? null;
    return { state, restarts, startedAt, message, messageCode: messageCode ?? null, messageParams: messageParams ?? null, pid, images };
  }

  /** Running, being played or waiting to restart: it needs no start. */
  get active(): boolean {
    return !this.stopRequested && (this.live || this.inflight !== undefined || this.restartTimer !== undefined);
  }

  /** Plays the YAML (first start, or a restart whose pod is gone). */
  play(): Promise<void> {
    return this.track(async () => {
      await appendNote(this.ctx.notesPath, `starting: podman ${[...PLAY_ARGS, this.ctx.yamlPath].join(' ')} (images: ${this.record.images.map((i) => `${i.name}@${i.digest}`).join(', ')})`);
      await tolerateMissing(this.ctx.podman.run(['pod', 'rm', '--force', '--time', '0', this.name])); // what a failed play left
      if (this.record.configMaps.length > 0) await tolerateMissing(this.ctx.podman.run(['volume', 'rm', '--force', ...this.record.configMaps]));
      await this.ctx.podman.run([...PLAY_ARGS, this.ctx.yamlPath], { timeoutMs: 300_000 });
      await this.ctx.pause('podman:after-play');
    });
  }

  /** Starts the pod's stopped containers again (their logs go on); plays anew if the pod is gone. */
  private restart(): Promise<void> {
    return this.track(async () => {
      await appendNote(this.ctx.notesPath, `restarting: podman pod start ${this.name}`);
      try {
        await this.ctx.podman.run(['pod', 'start', this.name]);
      } catch (error) {
        this.ctx.log.warn('pod start failed, playing the pod anew', { error });
        await tolerateMissing(this.ctx.podman.run(['pod', 'rm', '--force', '--time', '0', this.name]));
        await this.ctx.podman.run([...PLAY_ARGS, this.ctx.yamlPath], { timeoutMs: 300_000 });
      }
    });
  }

  /** Runs a play or restart, then reads the pod back and supervises it; a failure is an exit. */
  private track(launch: () => Promise<void>): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopRequested) return Promise.resolve();
    const run = (async () => {
      try {
        await launch();
        const pod = await this.readOwnPod();
        if (!pod) throw new Error(`podman reported no pod ${this.name} after starting it`);
        this.record.pod = pod;
      } catch (error) {
        const text = (error as Error).message;
        await appendNote(this.ctx.notesPath, `cannot start: ${text}`);
        this.inflight = undefined;
        this.exited(null, cannotStart(text));
        return;
      }
      this.inflight = undefined;
      if (!this.stopRequested) this.running();
    })();
    this.inflight = run;
    return run;
  }

  /** Takes over a pod that survived an agent restart. */
  attach(pod: TPodRecord): void {
    this.record.pod = pod;
    this.running(true);
  }

  /** `podman pod stop -t <grace>` (SIGTERM, SIGKILL after the grace); the record stays, STOPPED. */
  async stop(graceSec: number): Promise<void> {
    this.stopRequested = true;
    this.record.desired = 'STOPPED';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.inflight;
    if (this.live || this.record.pod) this.update('STOPPING', stopping(graceSec));
    await appendNote(this.ctx.notesPath, `stopping: podman pod stop -t ${graceSec} ${this.name}`);
    await tolerateMissing(this.ctx.podman.run(['pod', 'stop', '--time', String(graceSec), this.name], { timeoutMs: (graceSec + 60) * 1000 }));
    this.clearTimers();
    this.live = false;
    this.forgetProcesses();
    this.update('STOPPED', null);
  }

  /** The agent exits: stop watching, leave the pod running. */
  detach(): void {
    this.clearTimers();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.stopRequested = true; // a play in flight finishes, but nothing is supervised or restarted after it
  }

  private async readOwnPod(): Promise<TPodRecord | undefined> {
    const id = this.spec.appInstanceId;
    const pod = (await listPods(this.ctx.podman, this.ctx.agentId, id)).find((p) => p.Name === this.name);
    if (!pod) return undefined;
    const containers = (await listContainers(this.ctx.podman, this.ctx.agentId, id)).filter((c) => this.ctx.containerNames.includes(c.Names[0] ?? ''));
    return readPod(this.ctx.podman, pod, containers);
  }

  private running(wasAdopted = false): void {
    this.live = true;
    this.healthy = false;
    this.healthFailures = 0;
    this.killedForHealth = false;
    if (!wasAdopted) this.record.startedAt = new Date().toISOString();
    this.record.desired = 'RUNNING';
    const check = this.spec.bundle.healthCheck;
    this.update(this.inCrashLoop() ? 'CRASH_LOOP' : check ? 'STARTING' : 'RUNNING', wasAdopted ? adopted() : null);
    this.timers.add(setInterval(() => void this.watch(), this.ctx.options.livenessPollMs));
    if (check) this.timers.add(setInterval(() => void this.checkHealth(), check.intervalSec * 1000));
    this.timers.add(setTimeout(() => this.stable(), this.ctx.options.crashLoopWindowMs));
    void this.watch(); // a container that exited at once is noticed now
  }

  /** Is every app container's main process still there? If not, ask podman how it ended. */
  private async watch(): Promise<void> {
    if (!this.live || this.checkingExit || this.stopRequested) return;
    const containers = this.record.pod?.containers ?? [];
    const alive = await Promise.all(containers.map((c) => (c.process ? isSameProcess(c.process) : Promise.resolve(false))));
    if (containers.length > 0 && alive.every(Boolean)) return;
    this.checkingExit = true;
    try {
      const code = await this.exitCode();
      if (this.live && !this.stopRequested) this.exited(code);
    } finally {
      this.checkingExit = false;
    }
  }

  /** The exit code of the first app container podman no longer runs (podman may take a moment to see the exit). */
  private async exitCode(): Promise<number | null> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const all = await listContainers(this.ctx.podman, this.ctx.agentId, this.spec.appInstanceId).catch(() => undefined);
      const own = all?.filter((c) => this.ctx.containerNames.includes(c.Names[0] ?? ''));
      if (own) {
        const ended = own.find((c) => c.State !== 'running');
        if (ended) return ended.State === 'exited' || ended.State === 'stopped' ? ended.ExitCode : null;
        if (own.length === 0) return null; // the pod was removed behind the agent's back
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  }

  private async checkHealth(): Promise<void> {
    const check = this.spec.bundle.healthCheck;
    if (!check || !this.live || this.stopRequested || this.killedForHealth) return;
    const ok = await probe(check);
    if (!this.live || this.stopRequested || this.killedForHealth) return;
    if (ok) {
      this.healthFailures = 0;
      this.healthy = true;
      if (this.record.state === 'STARTING') this.update('RUNNING', null);
      return;
    }
    this.healthFailures += 1;
    if (this.healthFailures < check.failureThreshold) return;
    this.ctx.log.warn('health check failed, restarting the pod', { failures: this.healthFailures });
    this.killedForHealth = true;
    this.healthMessage = healthFailed(this.healthFailures);
    this.record.message = this.healthMessage.text;
    await appendNote(this.ctx.notesPath, `${this.healthMessage.text}: stopping the pod to restart it`);
    await tolerateMissing(this.ctx.podman.run(['pod', 'stop', '--time', String(Math.ceil(this.ctx.options.healthKillGraceMs / 1000)), this.name])).catch((error: Error) => this.ctx.log.warn('could not stop the pod', { error }));
  }

  /** Up long enough: forget the restart history. */
  private stable(): void {
    this.record.recentRestarts = [];
    if (this.record.state === 'CRASH_LOOP') this.update(this.healthy || !this.spec.bundle.healthCheck ? 'RUNNING' : 'STARTING', null);
    else void this.ctx.persist(this.record);
  }

  private inCrashLoop(): boolean {
    return this.record.recentRestarts.length >= this.ctx.options.crashLoopRestarts;
  }

  private exited(code: number | null, reason?: TStatusMessage): void {
    this.clearTimers();
    this.live = false;
    this.forgetProcesses();
    if (this.stopRequested) return; // stop() finishes the record
    const failed = this.killedForHealth || code !== 0;
    const how = reason ?? (this.killedForHealth ? (this.healthMessage ?? healthFailed(this.healthFailures)) : exitMessage(code));
    void appendNote(this.ctx.notesPath, `a container ended: ${how.text}`);
    const policy = this.spec.bundle.restartPolicy;
    if (policy === 'never' || (policy === 'on-failure' && !failed)) {
      // The rest of the pod (its infra and published ports, other containers) ends with it.
      void tolerateMissing(this.ctx.podman.run(['pod', 'stop', '--time', String(this.spec.gracefulTerminationSec), this.name])).catch(() => undefined);
      this.update(failed ? 'FAILED' : 'STOPPED', how);
      return;
    }
    const now = Date.now();
    const { options } = this.ctx;
    this.record.recentRestarts = [...this.record.recentRestarts.filter((t) => now - t < options.crashLoopWindowMs), now];
    this.record.restarts += 1;
    const delay = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** (this.record.recentRestarts.length - 1));
    this.ctx.log.warn('a container of the pod ended, restarting', { how: how.text, delayMs: delay, restarts: this.record.restarts });
    this.restartTimer = setTimeout(() => void (this.record.pod ? this.restart() : this.play()), delay);
    this.update(this.inCrashLoop() ? 'CRASH_LOOP' : 'STARTING', restarting(how, delay));
  }

  private forgetProcesses(): void {
    for (const c of this.record.pod?.containers ?? []) c.process = null;
  }

  private update(state: TInstanceState, message: TStatusMessage | null): void {
    this.record.state = state;
    this.record.message = message?.text ?? null;
    this.record.messageCode = message?.code ?? null;
    this.record.messageParams = message?.params ?? null;
    void this.ctx.persist(this.record);
    this.ctx.notify(this.status());
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
