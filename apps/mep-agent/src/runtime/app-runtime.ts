/**
 * The runtime interface: how the agent runs app instances, whatever runs them. The process
 * runtime (process-runtime.ts) is the default; a Kubernetes runtime will implement the same
 * interface later (specs become Deployments, adoption becomes reading them back).
 *
 * A runtime owns the record of every instance it was given (the spec and what it knows about
 * the running workload) and keeps it across agent restarts, so `adopt` can take over what
 * still runs instead of starting a duplicate.
 *
 * @example
 *   if (!(await runtime.adopt(spec))) await runtime.start(spec);
 *   runtime.get(spec.appInstanceId)?.status.state; // 'STARTING' → 'RUNNING'
 *   await runtime.stop(spec.appInstanceId, 10);
 */
import { ZImageDigest, ZProcessBundle, type TInstanceMessageCode, type TInstanceState, type TMessageParams, type TRanImage } from '@mecport/contracts';
import { z } from 'zod';

/**
 * What a container app runs, resolved by prepare: the package's Kubernetes YAML (extracted) and
 * each image reference with the local image it runs and that image's digest (checked against
 * the AppD's pin and the manifest before anything ran).
 */
export const ZContainerRun = z.object({
  kubeFiles: z.array(z.string()).min(1).describe('Absolute paths of the extracted YAML files'),
  images: z.array(z.object({ name: z.string(), imageId: z.string(), digest: ZImageDigest })).min(1),
});
export type TContainerRun = z.infer<typeof ZContainerRun>;

/**
 * Everything needed to run one app instance; `configHash` changes when a restart is needed.
 * For a container app `container` is set and `bundle` carries what both runtimes supervise alike
 * (declared ports, health check, restart policy, memory limit), derived from the YAML; its
 * `command` only names the YAML for people reading the record.
 */
export const ZInstanceSpec = z.object({
  appInstanceId: z.string().uuid(),
  appName: z.string(),
  appVersionId: z.string(),
  version: z.string(),
  packageSha256: z.string(),
  bundleDir: z.string(),
  bundle: ZProcessBundle,
  /** Added to the app's environment: the desired env, the MEC/Mp1 variables and PORT_<NAME>. */
  env: z.record(z.string(), z.string()),
  gracefulTerminationSec: z.number().int().min(0),
  configHash: z.string(),
  container: ZContainerRun.optional(),
});
export type TInstanceSpec = z.infer<typeof ZInstanceSpec>;

export interface TRuntimeStatus {
  state: TInstanceState;
  restarts: number;
  pid: number | null;
  startedAt: string | null;
  message: string | null;
  /** `message` as a stable code and parameters, for the portal to translate. */
  messageCode?: TInstanceMessageCode | null;
  messageParams?: TMessageParams | null;
  /** A container app's images as they run. */
  images?: TRanImage[];
}

export interface TRuntimeInstance {
  spec: TInstanceSpec;
  status: TRuntimeStatus;
}

export type TRuntimeListener = (appInstanceId: string, status: TRuntimeStatus) => void;

export interface AppRuntime {
  /** Reads back what the runtime recorded before the agent (re)started. */
  load(): Promise<void>;
  /** Every recorded instance (running, stopped or failed). */
  instances(): TRuntimeInstance[];
  get(appInstanceId: string): TRuntimeInstance | undefined;
  /** Starts the spec (its instance must not be running); the instance is supervised from now on. */
  start(spec: TInstanceSpec): Promise<void>;
  /**
   * After an agent restart: takes over the live workload of exactly this spec and supervises
   * it. True when it did, already supervises it, or the workload ended by itself under a
   * restart policy that leaves it ended; false when it should be started.
   */
  adopt(spec: TInstanceSpec): Promise<boolean>;
  /** Stops gracefully (the workload gets `graceSec` to exit, then is killed); the record stays, STOPPED. */
  stop(appInstanceId: string, graceSec: number): Promise<void>;
  /** Stops and forgets the instance (record and logs). */
  remove(appInstanceId: string, graceSec: number): Promise<void>;
  /** The last lines the instance wrote (stdout and stderr). */
  logsTail(appInstanceId: string, maxLines: number): Promise<string[]>;
  /** Where the instance's log is, to tell whether it changed. */
  logVersion(appInstanceId: string): Promise<string | undefined>;
  onChange(listener: TRuntimeListener): void;
  /** The agent is exiting: stop supervising but leave every workload running. */
  detach(): Promise<void>;
}
