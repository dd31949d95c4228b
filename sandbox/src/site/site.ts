/**
 * The contract between the host process (`src/host/`, which serves the control API of
 * `@mecport/contracts/sandbox` host-control.ts) and one sandbox (`src/site/`, which owns the
 * sandbox's engine and clock, its emulated services, its MEC API gateway with the call record and
 * the rate limit, and its MEP agent and app processes). The host maps each control route onto one
 * of these methods; a site never knows about HTTP callers other than its app.
 */
import type {
  TEngineEvent, THostDeploy, THostSite, THostSiteCreate, TInjectedEvent, TSandboxCall, TSandboxCallQuery, TSandboxRunResult, TWorldSnapshot,
} from '@mecport/contracts/sandbox';
import type { TSandboxNetwork } from '../isolation/sandbox-network';

export interface TPageOf<T> { items: T[]; nextCursor: string | null }
export interface TSiteLogLine { id: number; at: string; source: 'app' | 'agent' | 'sandbox'; stream: 'stdout' | 'stderr'; line: string }

/** What a live view subscribes to: the status when it changes, the world about once a second, every engine event. */
export type TSiteUpdate =
  | { kind: 'status'; site: THostSite }
  | { kind: 'world'; world: TWorldSnapshot }
  | { kind: 'event'; event: TEngineEvent };

export interface TSite {
  readonly sandboxId: string;
  info(): THostSite;
  /** Real clock: starts or resumes it. Virtual clock: marks the site running (time moves only in run). */
  start(): Promise<THostSite>;
  pause(): Promise<THostSite>;
  /** The world back to t = 0 with the same seed; the call record and logs cleared; the app restarted. */
  reset(): Promise<THostSite>;
  /** Virtual clock only: advances `seconds` as fast as the machine allows. */
  run(seconds: number): Promise<TSandboxRunResult>;
  inject(event: TInjectedEvent): void;
  events(afterSeq: number, limit: number): TEngineEvent[];
  /** Runs the package (a verified CSAR at `packagePath`, which the site may move) through the sandbox's agent. */
  deploy(deploy: THostDeploy, packagePath: string): Promise<THostSite>;
  world(): TWorldSnapshot;
  calls(query: TSandboxCallQuery): TPageOf<TSandboxCall>;
  /** The call record as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/). */
  har(): unknown;
  logs(cursor: string | undefined, limit: number): TPageOf<TSiteLogLine>;
  /** "Try it": forwards a request to the site's MEC APIs (path after `/mec`), recorded with source try-it. */
  tryIt(request: Request, path: string): Promise<Response>;
  subscribe(listener: (update: TSiteUpdate) => void): () => void;
  /** Stops and removes every process, port, namespace and file of the sandbox. Idempotent. */
  destroy(): Promise<void>;
}

export interface TSiteOptions extends THostSiteCreate {
  sandboxId: string;
  /** The site's own directory (agent data, packages, logs); removed by destroy. */
  dataDir: string;
  network: TSandboxNetwork;
}

export type TCreateSite = (options: TSiteOptions) => Promise<TSite>;
