/**
 * Supervises one app process: spawns it detached in its own process group (so it survives the
 * agent), or adopts one that survived an agent restart; runs the health checks
 * (STARTING -> RUNNING); applies the restart policy with exponential backoff and CRASH_LOOP;
 * stops it with SIGTERM to the group and SIGKILL after the grace period.
 *
 * Every change of what it knows is written to the instance's record (through `persist`),
 * so a restarted agent finds the pid and start time of what still runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import os from 'node:os';
import type { TInstanceState } from '@mecport/contracts';
import type { TLogger } from '../log';
import type { TRuntimeStatus } from './app-runtime';
import { probe } from './health-probe';
import { launchCommand, type TLaunchTools } from './launch-command';
import { openForApp } from './log-file';
import { INSTANCE_TAG_VAR, instanceTag, type TProcessRecord, type TRestartOptions } from './process-record';
import { isSameProcess, procIdentity, type TProcIdentity } from './proc-info';
import { adopted, cannotStart, exitedWhileAdopted, exitedWith, healthFailed, killedBy, restarting, stopping, type TStatusMessage } from './status-message';
import { terminateGroup } from './terminate';

export interface TSupervisorContext {
  logPath: string;
  tools: TLaunchTools;
  /** Inherited variables (PATH, HOME, LANG, TZ) under the bundle's and the spec's. */
  baseEnv: Record<string, string>;
  options: TRestartOptions;
  log: TLogger;
  persist(record: TProcessRecord): void;
  notify(status: TRuntimeStatus): void;
}

export class ProcessSupervisor {
  private child: ChildProcess | undefined;
  private identity: TProcIdentity | undefined;
  private stopRequested = false;
  private killedForHealth = false;
  private healthFailures = 0;
  private healthy = false;
  private timers = new Set<NodeJS.Timeout>();
  private restartTimer: NodeJS.Timeout | undefined;
  /** Why the process is being killed for its health checks (the exit then says so). */
  private healthMessage: TStatusMessage | undefined;

  constructor(readonly record: TProcessRecord, private readonly ctx: TSupervisorContext) {}

  get spec() {
    return this.record.spec;
  }

  status(): TRuntimeStatus {
    const { state, restarts, startedAt, message, messageCode, messageParams } = this.record;
    return { state, restarts, startedAt, message, messageCode: messageCode ?? null, messageParams: messageParams ?? null, pid: this.identity?.pid ?? null };
  }

  /** Running, starting or waiting to restart: it needs no start. */
  get active(): boolean {
    return !this.stopRequested && (this.identity !== undefined || this.restartTimer !== undefined);
  }

  async spawn(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopRequested) return;
    const { spec } = this.record;
    const { file, args, limits } = launchCommand(spec.bundle, this.ctx.tools);
    await appendFile(this.ctx.logPath, `[mecport-agent] ${new Date().toISOString()} starting: ${[file, ...args].join(' ')}${limits.length ? ` (limits: ${limits.join(', ')})` : ''}\n`).catch(() => undefined);
    const out = await openForApp(this.ctx.logPath);
    let child: ChildProcess;
    let spawnError: Promise<Error>;
    try {
      child = spawn(file, args, {
        cwd: spec.bundleDir,
        env: { ...this.ctx.baseEnv, ...spec.bundle.env, ...spec.env, [INSTANCE_TAG_VAR]: instanceTag(spec) },
        detached: true,
        stdio: ['ignore', out.fd, out.fd],
      });
      // Listeners before any await: an app that exits at once (or fails to spawn) must not go unseen.
      this.child = child;
      child.once('exit', (code, signal) => {
        if (this.child === child && child.pid !== undefined) this.exited(code, signal); // a failed spawn is handled below
      });
      spawnError = new Promise<Error>((resolve) => child.on('error', (error) => {
        this.ctx.log.warn('app process error', { error });
        resolve(error);
      }));
    } finally {
      await out.close();
    }
    child.unref(); // the agent may exit; the app runs on
    if (child.pid === undefined) {
      this.child = undefined;
      return this.exited(null, null, cannotStart((await spawnError).message));
    }
    if (this.child !== child) return; // it exited already; exited() took over
    if (spec.bundle.resources.nice !== undefined) {
      try {
        os.setPriority(child.pid, spec.bundle.resources.nice);
      } catch (error) {
        this.ctx.log.warn('could not set the nice level', { error });
      }
    }
    const identity = (await procIdentity(child.pid)) ?? { pid: child.pid, startTicks: '', bootId: '' };
    if (this.child !== child) return; // it exited already; exited() took over
    this.identity = identity;
    this.running();
  }

  /** Takes over a process that survived an agent restart. */
  attach(identity: TProcIdentity): void {
    this.identity = identity;
    const poll = setInterval(() => {
      void isSameProcess(identity).then((alive) => {
        if (!alive && this.identity === identity) this.exited(null, null, exitedWhileAdopted());
      });
    }, this.ctx.options.livenessPollMs);
    this.timers.add(poll);
    this.running(true);
  }

  /** SIGTERM to the process group, SIGKILL after `graceSec`; the record stays, STOPPED. */
  async stop(graceSec: number): Promise<void> {
    this.stopRequested = true;
    this.record.desired = 'STOPPED';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (this.identity) {
      this.update('STOPPING', stopping(graceSec));
      await this.terminate(graceSec * 1000);
    }
    this.clearTimers();
    this.identity = undefined;
    this.child = undefined;
    this.record.process = null;
    this.update('STOPPED', null);
  }

  /** The agent exits: stop watching, leave the process running. */
  detach(): void {
    this.clearTimers();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.removeAllListeners('exit');
    this.child = undefined;
  }

  private running(wasAdopted = false): void {
    this.healthy = false;
    this.healthFailures = 0;
    this.killedForHealth = false;
    if (!wasAdopted) this.record.startedAt = new Date().toISOString();
    this.record.process = this.identity ?? null;
    this.record.desired = 'RUNNING';
    const check = this.record.spec.bundle.healthCheck;
    this.update(this.inCrashLoop() ? 'CRASH_LOOP' : check ? 'STARTING' : 'RUNNING', wasAdopted ? adopted() : null);
    if (check) {
      const probeTimer = setInterval(() => void this.checkHealth(), check.intervalSec * 1000);
      this.timers.add(probeTimer);
    }
    const stable = setTimeout(() => this.stable(), this.ctx.options.crashLoopWindowMs);
    this.timers.add(stable);
  }

  private async checkHealth(): Promise<void> {
    const check = this.record.spec.bundle.healthCheck;
    if (!check || !this.identity || this.stopRequested || this.killedForHealth) return;
    const ok = await probe(check);
    if (!this.identity || this.stopRequested || this.killedForHealth) return;
    if (ok) {
      this.healthFailures = 0;
      this.healthy = true;
      if (this.record.state === 'STARTING') this.update('RUNNING', null);
      return;
    }
    this.healthFailures += 1;
    if (this.healthFailures < check.failureThreshold) return;
    this.ctx.log.warn('health check failed, restarting the app', { failures: this.healthFailures });
    this.killedForHealth = true;
    this.healthMessage = healthFailed(this.healthFailures);
    this.record.message = this.healthMessage.text;
    await this.terminate(this.ctx.options.healthKillGraceMs);
  }

  /** Up long enough: forget the restart history. */
  private stable(): void {
    this.record.recentRestarts = [];
    if (this.record.state === 'CRASH_LOOP') this.update(this.healthy || !this.record.spec.bundle.healthCheck ? 'RUNNING' : 'STARTING', null);
    else this.ctx.persist(this.record);
  }

  private inCrashLoop(): boolean {
    return this.record.recentRestarts.length >= this.ctx.options.crashLoopRestarts;
  }

  private exited(code: number | null, signal: NodeJS.Signals | null, reason?: TStatusMessage): void {
    this.clearTimers();
    this.identity = undefined;
    this.child = undefined;
    this.record.process = null;
    if (this.stopRequested) return; // stop() finishes the record
    const failed = this.killedForHealth || code !== 0;
    const how = reason ?? (this.killedForHealth ? this.healthMessage ?? healthFailed(this.healthFailures) : signal ? killedBy(signal) : exitedWith(code));
    const policy = this.record.spec.bundle.restartPolicy;
    if (policy === 'never' || (policy === 'on-failure' && !failed)) {
      this.update(failed ? 'FAILED' : 'STOPPED', how);
      return;
    }
    const now = Date.now();
    const { options } = this.ctx;
    this.record.recentRestarts = [...this.record.recentRestarts.filter((t) => now - t < options.crashLoopWindowMs), now];
    this.record.restarts += 1;
    const delay = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** (this.record.recentRestarts.length - 1));
    this.ctx.log.warn('app exited, restarting', { how, delayMs: delay, restarts: this.record.restarts });
    this.restartTimer = setTimeout(() => void this.spawn().catch((error: Error) => this.exited(null, null, cannotStart(error.message))), delay);
    this.update(this.inCrashLoop() ? 'CRASH_LOOP' : 'STARTING', restarting(how, delay));
  }

  private async terminate(graceMs: number): Promise<void> {
    if (this.identity) await terminateGroup(this.identity, graceMs);
  }

  private update(state: TInstanceState, message: TStatusMessage | null): void {
    this.record.state = state;
    this.record.message = message?.text ?? null;
    this.record.messageCode = message?.code ?? null;
    this.record.messageParams = message?.params ?? null;
    this.ctx.persist(this.record);
    this.ctx.notify(this.status());
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
