/**
 * The container runtime: every instance with `spec.container` runs as one Podman pod,
 * `mecport-<appInstanceId>`, played from one rewritten Kubernetes YAML (pod-yaml.ts) and
 * supervised by a PodSupervisor. Its records are `<runtimeDir>/<id>.json` beside the YAML it
 * played (`<id>.yaml`); the agent's notes on each pod are `<logsDir>/<id>.log`, the containers'
 * own output is podman's k8s-file logs.
 *
 * Pods outlive the agent (offline autonomy). After an agent restart `adopt` takes over a running
 * pod whose labels name the instance and the spec's configHash; before any start, every pod of
 * this agent labelled with the instance is removed (a stale configuration, or one played by an
 * agent killed before it could record it), and `load` removes pods of this agent that no record
 * names: nothing half-created survives and nothing runs twice.
 *
 * @example
 *   const runtime = new PodmanRuntime({ podman, runtimeDir, logsDir, agentId: nodeId, log });
 *   await runtime.load();
 *   if (!(await runtime.adopt(spec))) await runtime.start(spec);
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type TLogger } from '../../log';
import { noPause, type TPause } from '../../pause';
import { readJson, removeDurably, writeFileAtomic, writeJsonAtomic } from '../../state/atomic-file';
import type { AppRuntime, TInstanceSpec, TRuntimeInstance, TRuntimeListener, TRuntimeStatus } from '../app-runtime';
import { DEFAULT_RESTART_OPTIONS, type TRestartOptions } from '../process-record';
import { readKubeYaml } from './kube-files';
import { CONFIG_LABEL, INSTANCE_LABEL, podName } from './pod-labels';
import { podLogVersion, tailPodLogs } from './pod-logs';
import { listContainers, listPods, readPod, tolerateMissing } from './pod-state';
import { PodSupervisor } from './pod-supervisor';
import { podYaml } from './pod-yaml';
import type { PodmanCli } from './podman-cli';
import { ZPodmanRecord, type TPodmanRecord, type TPodRecord } from './podman-record';

/** The app ended by itself and its restart policy leaves it so (as in the process runtime). */
function endedByPolicy(record: TPodmanRecord): boolean {
  return record.desired === 'RUNNING' && record.spec.bundle.restartPolicy !== 'always' && (record.state === 'STOPPED' || record.state === 'FAILED');
}

export interface TPodmanRuntimeOptions {
  podman: PodmanCli;
  /** Its own records and played YAML, e.g. <data>/runtime-podman. */
  runtimeDir: string;
  logsDir: string;
  /** The node id: the value of every pod's io.mecport.agent label. */
  agentId: string;
  log?: TLogger;
  restart?: Partial<TRestartOptions>;
  /** Test hook: `podman:after-play` pauses between the play and the record of the pod. */
  pause?: TPause;
}

export class PodmanRuntime implements AppRuntime {
  private readonly records = new Map<string, TPodmanRecord>();
  private readonly supervisors = new Map<string, PodSupervisor>();
  private readonly listeners: TRuntimeListener[] = [];
  private readonly writes = new Map<string, Promise<void>>();
  private readonly restart: TRestartOptions;
  private readonly log: TLogger;

  constructor(private readonly options: TPodmanRuntimeOptions) {
    this.restart = { ...DEFAULT_RESTART_OPTIONS, ...options.restart };
    this.log = options.log ?? silentLogger;
  }

  async load(): Promise<void> {
    await mkdir(this.options.runtimeDir, { recursive: true });
    await mkdir(this.options.logsDir, { recursive: true });
    for (const name of await readdir(this.options.runtimeDir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const record = await readJson(join(this.options.runtimeDir, name), ZPodmanRecord).catch((error: Error) => {
        this.log.error('unreadable podman runtime record, ignored', { name, error });
        return undefined;
      });
      if (record) this.records.set(record.spec.appInstanceId, record);
    }
    await this.removeUnrecorded().catch((error: Error) => this.log.error('could not look for pods without a record', { error }));
  }

  instances(): TRuntimeInstance[] {
    return [...this.records.keys()].map((id) => this.get(id)!);
  }

  get(appInstanceId: string): TRuntimeInstance | undefined {
    const record = this.records.get(appInstanceId);
    if (!record) return undefined;
    const supervisor = this.supervisors.get(appInstanceId);
    const status: TRuntimeStatus = supervisor?.status() ?? {
      state: record.state, restarts: record.restarts, pid: record.pod?.containers.find((c) => c.process)?.process?.pid ?? null, startedAt: record.startedAt,
      message: record.message, messageCode: record.messageCode ?? null, messageParams: record.messageParams ?? null, images: record.images,
    };
    return { spec: record.spec, status };
  }

  async start(spec: TInstanceSpec): Promise<void> {
    const id = spec.appInstanceId;
    if (!spec.container) throw new Error(`instance ${id} is not a container app: the podman runtime runs only specs with a container part`);
    if (this.supervisors.get(id)?.active) throw new Error(`instance ${id} is running; stop it first`);
    const { yaml, containers, configMaps } = podYaml({ spec, agentId: this.options.agentId, workload: await readKubeYaml(spec.container.kubeFiles, spec.bundleDir) });
    await this.removePods(id, spec.gracefulTerminationSec, 'before-start');
    const previous = this.records.get(id);
    const same = previous?.spec.configHash === spec.configHash;
    const record: TPodmanRecord = {
      spec, desired: 'RUNNING', pod: null, configMaps, images: spec.container.images.map(({ name, digest }) => ({ name, digest })), startedAt: null,
      restarts: same ? previous.restarts : 0, recentRestarts: same ? previous.recentRestarts : [], state: 'PENDING', message: null,
    };
    await writeFileAtomic(this.yamlPath(id), yaml, 0o600);
    this.records.set(id, record);
    // Recorded before the play: an agent killed during it finds the instance and removes or adopts its pod.
    await this.persist(record);
    await this.supervise(record, containers).play();
  }

  async adopt(spec: TInstanceSpec): Promise<boolean> {
    const id = spec.appInstanceId;
    const supervisor = this.supervisors.get(id);
    if (supervisor && supervisor.spec.configHash === spec.configHash && (supervisor.active || endedByPolicy(supervisor.record))) return true;
    const record = this.records.get(id);
    if (!record || record.spec.configHash !== spec.configHash || record.desired !== 'RUNNING' || !spec.container) return false;
    if (endedByPolicy(record)) return true;
    const containers = await this.containerNames(record);
    const pod = await this.livePod(record, containers);
    if (!pod) return false;
    this.log.info('adopted a running pod', { appInstanceId: id, pod: pod.name });
    this.supervise(record, containers).attach(pod);
    return true;
  }

  async stop(appInstanceId: string, graceSec: number): Promise<void> {
    const record = this.records.get(appInstanceId);
    let supervisor = this.supervisors.get(appInstanceId);
    if (!supervisor && record) supervisor = this.supervise(record, await this.containerNames(record).catch(() => []));
    await supervisor?.stop(graceSec);
    if (record) await this.persist(record);
  }

  async remove(appInstanceId: string, graceSec: number): Promise<void> {
    const configMaps = this.records.get(appInstanceId)?.configMaps ?? [];
    await this.stop(appInstanceId, graceSec);
    await this.removePods(appInstanceId, 0, 'remove');
    // Also by name: a pod of this instance labelled with an earlier node id (the node re-enrolled).
    await tolerateMissing(this.options.podman.run(['pod', 'rm', '--force', '--time', '0', podName(appInstanceId)]));
    if (configMaps.length > 0) await tolerateMissing(this.options.podman.run(['volume', 'rm', '--force', ...configMaps]));
    this.supervisors.delete(appInstanceId);
    this.records.delete(appInstanceId);
    await this.writes.get(appInstanceId);
    await removeDurably(this.recordPath(appInstanceId));
    await rm(this.yamlPath(appInstanceId), { force: true });
    await rm(this.notesPath(appInstanceId), { force: true });
    await rm(`${this.notesPath(appInstanceId)}.1`, { force: true });
  }

  logsTail(appInstanceId: string, maxLines: number): Promise<string[]> {
    const containers = this.records.get(appInstanceId)?.pod?.containers ?? [];
    const short = (name: string) => name.slice(podName(appInstanceId).length + 1) || name;
    return tailPodLogs(containers.map((c) => ({ name: short(c.name), path: c.logPath })), this.notesPath(appInstanceId), maxLines);
  }

  logVersion(appInstanceId: string): Promise<string | undefined> {
    const containers = this.records.get(appInstanceId)?.pod?.containers ?? [];
    return podLogVersion([this.notesPath(appInstanceId), ...containers.map((c) => c.logPath)]);
  }

  onChange(listener: TRuntimeListener): void {
    this.listeners.push(listener);
  }

  async detach(): Promise<void> {
    for (const supervisor of this.supervisors.values()) supervisor.detach();
    await Promise.all(this.writes.values());
  }

  private supervise(record: TPodmanRecord, containerNames: string[]): PodSupervisor {
    const id = record.spec.appInstanceId;
    const supervisor = new PodSupervisor(record, {
      podman: this.options.podman,
      agentId: this.options.agentId,
      yamlPath: this.yamlPath(id),
      notesPath: this.notesPath(id),
      containerNames: containerNames.map((name) => `${podName(id)}-${name}`),
      options: this.restart,
      log: this.log.child({ appInstanceId: id }),
      pause: this.options.pause ?? noPause,
      persist: (r) => this.persist(r),
      notify: (status) => {
        for (const listener of this.listeners) listener(id, status);
      },
    });
    this.supervisors.set(id, supervisor);
    return supervisor;
  }

  /** The app containers' names, from the YAML the record's spec plays (init containers excluded). */
  private async containerNames(record: TPodmanRecord): Promise<string[]> {
    const files = record.spec.container?.kubeFiles ?? [];
    return podYaml({ spec: record.spec, agentId: this.options.agentId, workload: await readKubeYaml(files, record.spec.bundleDir) }).containers;
  }

  /** This agent's pod of the record's spec (labels: instance and configHash), if all its app containers run. */
  private async livePod(record: TPodmanRecord, containerNames: string[]): Promise<TPodRecord | undefined> {
    const id = record.spec.appInstanceId;
    const pod = (await listPods(this.options.podman, this.options.agentId, id)).find((p) => p.Labels?.[CONFIG_LABEL] === record.spec.configHash && p.Name === podName(id));
    if (!pod) return undefined;
    const names = new Set(containerNames.map((name) => `${podName(id)}-${name}`));
    const containers = (await listContainers(this.options.podman, this.options.agentId, id)).filter((c) => names.has(c.Names[0] ?? ''));
    const read = await readPod(this.options.podman, pod, containers);
    return read.containers.length === names.size && read.containers.every((c) => c.process) ? read : undefined;
  }

  /** Removes every pod of this agent labelled with the instance (stale, half-created or stopped). */
  private async removePods(appInstanceId: string, graceSec: number, why: 'before-start' | 'remove'): Promise<void> {
    for (const pod of await listPods(this.options.podman, this.options.agentId, appInstanceId)) {
      const fields = { appInstanceId, pod: pod.Name, config: pod.Labels?.[CONFIG_LABEL] ?? null };
      // Before a start, a pod still there is stale or half-created (worth a warning); on removal it is expected.
      if (why === 'before-start') this.log.warn('removing a stale pod of the instance before starting it', fields);
      else this.log.info('removing the instance\'s pod', fields);
      await tolerateMissing(this.options.podman.run(['pod', 'rm', '--force', '--time', String(graceSec), pod.Id], { timeoutMs: (graceSec + 60) * 1000 }));
    }
  }

  /** Pods of this agent that no record names were played by an agent killed before it recorded them. */
  private async removeUnrecorded(): Promise<void> {
    for (const pod of await listPods(this.options.podman, this.options.agentId)) {
      const id = pod.Labels?.[INSTANCE_LABEL];
      if (!id || this.records.has(id)) continue;
      this.log.warn('removing a pod no record names (left by an interrupted start)', { pod: pod.Name });
      await tolerateMissing(this.options.podman.run(['pod', 'rm', '--force', '--time', '0', pod.Id]));
    }
  }

  /** Writes the record; writes of one record are serialised, each writing the latest content. */
  private persist(record: TPodmanRecord): Promise<void> {
    const id = record.spec.appInstanceId;
    const next = (this.writes.get(id) ?? Promise.resolve())
      .then(() => (this.records.get(id) === record ? writeJsonAtomic(this.recordPath(id), record, 0o600) : undefined))
      .catch((error: Error) => this.log.error('could not write the podman runtime record', { appInstanceId: id, error }));
    this.writes.set(id, next);
    return next;
  }

  private recordPath(appInstanceId: string): string {
    return join(this.options.runtimeDir, `${appInstanceId}.json`);
  }

  private yamlPath(appInstanceId: string): string {
    return join(this.options.runtimeDir, `${appInstanceId}.yaml`);
  }

  private notesPath(appInstanceId: string): string {
    return join(this.options.logsDir, `${appInstanceId}.log`);
  }
}
