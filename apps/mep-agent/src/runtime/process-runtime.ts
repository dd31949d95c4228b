/**
 * The default runtime: every app instance is a process bundle run as a detached OS process
 * group, supervised by a ProcessSupervisor, with its record in `runtime/<id>.json` and its
 * output in `logs/<id>.log`. Processes outlive the agent; after an agent restart `adopt`
 * finds them again by the recorded pid and start time, or, for a process started just before
 * the agent died, by the MECPORT_INSTANCE tag in its environment, so nothing runs twice.
 *
 * @example
 *   const runtime = new ProcessRuntime({ runtimeDir, logsDir, baseEnv, log });
 *   await runtime.load();
 *   if (!(await runtime.adopt(spec))) await runtime.start(spec);
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type TLogger } from '../log';
import { readJson, removeDurably, writeJsonAtomic } from '../state/atomic-file';
import type { AppRuntime, TInstanceSpec, TRuntimeInstance, TRuntimeListener, TRuntimeStatus } from './app-runtime';
import { fileVersion, rotateIfLarger, tailLines } from './log-file';
import { findExecutable, type TLaunchTools } from './launch-command';
import { DEFAULT_RESTART_OPTIONS, INSTANCE_TAG_VAR, instanceTag, ZProcessRecord, type TProcessRecord, type TRestartOptions } from './process-record';
import { ProcessSupervisor } from './process-supervisor';
import { findTagged, isSameProcess, type TProcIdentity } from './proc-info';
import { terminateGroup } from './terminate';

/** The app exited by itself and its restart policy says to leave it so (a new spec, or stop then start, runs it again). */
function endedByPolicy(record: TProcessRecord): boolean {
  return record.desired === 'RUNNING' && record.spec.bundle.restartPolicy !== 'always' && (record.state === 'STOPPED' || record.state === 'FAILED');
}

export interface TProcessRuntimeOptions {
  runtimeDir: string;
  logsDir: string;
  /** Variables every app inherits from the agent (PATH, HOME, LANG, TZ). */
  baseEnv: Record<string, string>;
  log?: TLogger;
  restart?: Partial<TRestartOptions>;
  /** Rotate an app log past this size (default 5 MiB). */
  logMaxBytes?: number;
}

export class ProcessRuntime implements AppRuntime {
  private readonly records = new Map<string, TProcessRecord>();
  private readonly supervisors = new Map<string, ProcessSupervisor>();
  private readonly listeners: TRuntimeListener[] = [];
  private readonly writes = new Map<string, Promise<void>>();
  private readonly restart: TRestartOptions;
  private readonly log: TLogger;
  private tools: TLaunchTools = { execPath: process.execPath, prlimit: undefined };
  private rotation: NodeJS.Timeout | undefined;

  constructor(private readonly options: TProcessRuntimeOptions) {
    this.restart = { ...DEFAULT_RESTART_OPTIONS, ...options.restart };
    this.log = options.log ?? silentLogger;
  }

  async load(): Promise<void> {
    await mkdir(this.options.runtimeDir, { recursive: true });
    await mkdir(this.options.logsDir, { recursive: true });
    this.tools = { execPath: process.execPath, prlimit: await findExecutable('prlimit', this.options.baseEnv.PATH) };
    for (const name of await readdir(this.options.runtimeDir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const record = await readJson(join(this.options.runtimeDir, name), ZProcessRecord).catch((error: Error) => {
        this.log.error('unreadable runtime record, ignored', { name, error });
        return undefined;
      });
      if (record) this.records.set(record.spec.appInstanceId, record);
    }
    const maxBytes = this.options.logMaxBytes ?? 5 * 1024 * 1024;
    this.rotation = setInterval(() => void this.rotateLogs(maxBytes), 30_000).unref();
  }

  instances(): TRuntimeInstance[] {
    return [...this.records.keys()].map((id) => this.get(id)!);
  }

  get(appInstanceId: string): TRuntimeInstance | undefined {
    const record = this.records.get(appInstanceId);
    if (!record) return undefined;
    const supervisor = this.supervisors.get(appInstanceId);
    const status: TRuntimeStatus = supervisor?.status() ?? {
      state: record.state, restarts: record.restarts, pid: record.process?.pid ?? null, startedAt: record.startedAt, message: record.message,
      messageCode: record.messageCode ?? null, messageParams: record.messageParams ?? null,
    };
    return { spec: record.spec, status };
  }

  async start(spec: TInstanceSpec): Promise<void> {
    const id = spec.appInstanceId;
    if (this.supervisors.get(id)?.active) throw new Error(`instance ${id} is running; stop it first`);
    await this.killStrays(id, spec.gracefulTerminationSec);
    const previous = this.records.get(id);
    const same = previous?.spec.configHash === spec.configHash;
    const record: TProcessRecord = {
      spec,
      desired: 'RUNNING',
      process: null,
      startedAt: null,
      restarts: same ? previous.restarts : 0,
      recentRestarts: same ? previous.recentRestarts : [],
      state: 'PENDING',
      message: null,
    };
    this.records.set(id, record);
    await this.persist(record);
    await this.supervise(record).spawn();
  }

  async adopt(spec: TInstanceSpec): Promise<boolean> {
    const id = spec.appInstanceId;
    const supervisor = this.supervisors.get(id);
    if (supervisor && supervisor.spec.configHash === spec.configHash && (supervisor.active || endedByPolicy(supervisor.record))) return true;
    const record = this.records.get(id);
    if (!record || record.spec.configHash !== spec.configHash || record.desired !== 'RUNNING') return false;
    if (endedByPolicy(record)) return true;
    const identity = await this.liveProcess(record);
    if (!identity) return false;
    this.log.info('adopted a running app process', { appInstanceId: id, pid: identity.pid });
    this.supervise(record).attach(identity);
    return true;
  }

  async stop(appInstanceId: string, graceSec: number): Promise<void> {
    const record = this.records.get(appInstanceId);
    let supervisor = this.supervisors.get(appInstanceId);
    if (!supervisor && record) {
      supervisor = this.supervise(record);
      const identity = await this.liveProcess(record);
      if (identity) supervisor.attach(identity);
    }
    await supervisor?.stop(graceSec);
    await this.killStrays(appInstanceId, graceSec);
    if (record) await this.persist(record);
  }

  async remove(appInstanceId: string, graceSec: number): Promise<void> {
    await this.stop(appInstanceId, graceSec);
    this.supervisors.delete(appInstanceId);
    this.records.delete(appInstanceId);
    await this.writes.get(appInstanceId);
    await removeDurably(this.recordPath(appInstanceId));
    await rm(this.logPath(appInstanceId), { force: true });
    await rm(`${this.logPath(appInstanceId)}.1`, { force: true });
  }

  logsTail(appInstanceId: string, maxLines: number): Promise<string[]> {
    return tailLines(this.logPath(appInstanceId), maxLines);
  }

  logVersion(appInstanceId: string): Promise<string | undefined> {
    return fileVersion(this.logPath(appInstanceId));
  }

  onChange(listener: TRuntimeListener): void {
    this.listeners.push(listener);
  }

  async detach(): Promise<void> {
    if (this.rotation) clearInterval(this.rotation);
    for (const supervisor of this.supervisors.values()) supervisor.detach();
    await Promise.all(this.writes.values());
  }

  private supervise(record: TProcessRecord): ProcessSupervisor {
    const id = record.spec.appInstanceId;
    const supervisor = new ProcessSupervisor(record, {
      logPath: this.logPath(id),
      tools: this.tools,
      baseEnv: this.options.baseEnv,
      options: this.restart,
      log: this.log.child({ appInstanceId: id }),
      persist: (r) => void this.persist(r),
      notify: (status) => {
        for (const listener of this.listeners) listener(id, status);
      },
    });
    this.supervisors.set(id, supervisor);
    return supervisor;
  }

  /** The recorded process if it still runs, else one carrying this spec's tag (started just before a crash). */
  private async liveProcess(record: TProcessRecord): Promise<TProcIdentity | undefined> {
    if (record.process && (await isSameProcess(record.process))) return record.process;
    const tagged = await findTagged(INSTANCE_TAG_VAR, instanceTag(record.spec));
    return tagged[0]?.identity;
  }

  /** Stops processes of this instance that no supervisor owns (left by a crash mid-upgrade). */
  private async killStrays(appInstanceId: string, graceSec: number): Promise<void> {
    for (const { identity } of await findTagged(INSTANCE_TAG_VAR, `${appInstanceId}:`)) {
      this.log.warn('stopping a stray process of the instance', { appInstanceId, pid: identity.pid });
      await terminateGroup(identity, graceSec * 1000);
    }
  }

  /** Writes the record; writes of one record are serialised, each writing the latest content. */
  private persist(record: TProcessRecord): Promise<void> {
    const id = record.spec.appInstanceId;
    const next = (this.writes.get(id) ?? Promise.resolve())
      .then(() => (this.records.get(id) === record ? writeJsonAtomic(this.recordPath(id), record, 0o600) : undefined))
      .catch((error: Error) => this.log.error('could not write the runtime record', { appInstanceId: id, error }));
    this.writes.set(id, next);
    return next;
  }

  private async rotateLogs(maxBytes: number): Promise<void> {
    for (const id of this.records.keys()) await rotateIfLarger(this.logPath(id), maxBytes).catch(() => false);
  }

  private recordPath(appInstanceId: string): string {
    return join(this.options.runtimeDir, `${appInstanceId}.json`);
  }

  private logPath(appInstanceId: string): string {
    return join(this.options.logsDir, `${appInstanceId}.log`);
  }
}
