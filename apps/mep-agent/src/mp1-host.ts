/**
 * The agent's Mp1 (ETSI MEC 011) endpoint for the apps on its node, on @mecport/mp1: the
 * registry the agent drives, served on 127.0.0.1:<mp1Port>. It adds what the agent needs
 * around the registry: per-instance client credentials handed to the app through its
 * environment, each instance's declared ports and the node's allow-listed ranges (where its
 * notifications may go), graceful termination before a process is stopped, the snapshot kept in the
 * data dir (so Mp1 answers the same across agent restarts with the portal down), and the
 * services and readiness the heartbeat reports.
 *
 * @example
 *   const mp1 = new Mp1Host({ port: 8581, store, log });
 *   await mp1.start();
 *   const env = mp1.appEnv(appInstanceId, mp1.register(appInstanceId, undefined, { ...rules, listenPorts: [8090] }));
 */
import { randomBytes } from 'node:crypto';
import type { TMp1DnsRule, TMp1TrafficRule } from '@mecport/contracts';
import { createMp1Server, Mp1Registry, TOKEN_PATH, type TMp1Server, type TTerminationOutcome } from '@mecport/mp1';
import type { TLogger } from './log';
import { ensurePlatformServices, PLATFORM_INSTANCE_ID, type TPlatformService } from './mp1-platform-services';
import type { StateStore } from './state/state-store';

export interface TMp1Credentials {
  clientId: string;
  clientSecret: string;
}

export interface TMp1Rules {
  trafficRules: TMp1TrafficRule[];
  dnsRules: TMp1DnsRule[];
}

/** What Mp1 knows of an instance: its rules, and the ports it declares (its callbacks may go to loopback there). */
export interface TMp1Registration extends TMp1Rules {
  listenPorts: number[];
}

export interface TMp1Service {
  serInstanceId: string;
  serName: string;
  appInstanceId: string;
  state: 'ACTIVE' | 'INACTIVE';
  version: string;
}

/** What the reconciler needs of Mp1 (a fake implements it in tests that run no server). */
export interface TMp1Port {
  readonly apiRoot: string;
  /** Registers the instance (or keeps it) with these credentials, or new ones; returns the credentials. */
  register(appInstanceId: string, credentials: TMp1Credentials | undefined, registration: TMp1Registration): TMp1Credentials;
  /** The node's allow-listed callback ranges (from the desired state), used from the next check on. */
  setCallbackAllowCidrs(cidrs: readonly string[]): void;
  /** AppTerminationNotification, then waits for confirm_termination or `graceSec`. */
  terminate(appInstanceId: string, action: 'STOPPING' | 'TERMINATING', graceSec: number): Promise<TTerminationOutcome | 'unknown'>;
  /** Forgets the instance (its services and subscriptions go). */
  unregister(appInstanceId: string): void;
  isReady(appInstanceId: string): boolean;
  services(): TMp1Service[];
  /** The variables that tell the app where Mp1 is and who it is. */
  appEnv(appInstanceId: string, credentials: TMp1Credentials): Record<string, string>;
}

export class Mp1Host implements TMp1Port {
  readonly registry = new Mp1Registry();
  private server: TMp1Server | undefined;
  private url: string;
  private persistTimer: NodeJS.Timeout | undefined;
  private persisting: Promise<void> = Promise.resolve();
  private callbackAllowCidrs: readonly string[] = [];

  /**
   * `publicUrl`: the Mp1 URL the apps are told (MP1_API_ROOT, MP1_TOKEN_URL, links), when they
   * reach Mp1 elsewhere than where it listens (the MEC sandbox's gateway, which records the calls).
   * `platformServices`: services the platform offers, listed by GET /services (mp1-platform-services.ts).
   */
  constructor(private readonly options: { port: number; host?: string; publicUrl?: string; platformServices?: TPlatformService[]; store: StateStore; log: TLogger }) {
    this.url = `http://${options.host ?? '127.0.0.1'}:${options.port}`;
  }

  get apiRoot(): string {
    return this.options.publicUrl?.replace(/\/+$/, '') ?? this.url;
  }

  /** Restores the last snapshot, then serves Mp1 and persists every change of state. */
  async start(): Promise<void> {
    const snapshot = await this.options.store.readMp1Snapshot();
    if (snapshot !== undefined) {
      try {
        this.registry.restore(snapshot);
      } catch (error) {
        this.options.log.error('the Mp1 snapshot does not restore; starting Mp1 empty', { error });
      }
    }
    this.registry.on('stateChanged', () => this.schedulePersist());
    ensurePlatformServices(this.registry, this.options.platformServices ?? [], `${this.apiRoot}${TOKEN_PATH}`);
    this.server = createMp1Server({
      registry: this.registry,
      publicUrl: this.options.publicUrl,
      callbackAllowCidrs: () => this.callbackAllowCidrs,
      logger: { warn: (obj, msg) => this.options.log.warn(msg ?? 'mp1', obj as Record<string, unknown>), error: (obj, msg) => this.options.log.error(msg ?? 'mp1', obj as Record<string, unknown>) },
    });
    this.url = await this.server.listen(this.options.port, this.options.host ?? '127.0.0.1');
  }

  async close(): Promise<void> {
    await this.server?.close();
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistTimer = undefined;
      this.persisting = this.persisting.then(() => this.options.store.writeMp1Snapshot(this.registry.snapshot()));
    }
    await this.persisting;
  }

  register(appInstanceId: string, credentials: TMp1Credentials | undefined, registration: TMp1Registration): TMp1Credentials {
    const mp1Rules = { trafficRules: registration.trafficRules, dnsRules: registration.dnsRules };
    const known = this.registry.appInstance(appInstanceId);
    if (known && credentials && known.clientId === credentials.clientId && this.registry.authenticateClient(credentials.clientId, credentials.clientSecret) === appInstanceId) {
      this.registry.setRules(appInstanceId, mp1Rules);
      this.registry.setListenPorts(appInstanceId, registration.listenPorts);
      return credentials;
    }
    if (known) this.registry.removeAppInstance(appInstanceId);
    const fresh = credentials ?? { clientId: appInstanceId, clientSecret: randomBytes(32).toString('base64url') };
    this.registry.addAppInstance({ appInstanceId, clientId: fresh.clientId, clientSecret: fresh.clientSecret, ...mp1Rules, listenPorts: registration.listenPorts });
    return fresh;
  }

  setCallbackAllowCidrs(cidrs: readonly string[]): void {
    this.callbackAllowCidrs = [...cidrs];
  }

  async terminate(appInstanceId: string, action: 'STOPPING' | 'TERMINATING', graceSec: number): Promise<TTerminationOutcome | 'unknown'> {
    if (!this.registry.hasAppInstance(appInstanceId) || this.registry.appInstance(appInstanceId)?.terminating) return 'unknown';
    const { outcome } = await this.registry.terminate(appInstanceId, { operationAction: action, maxGracefulTimeout: graceSec });
    return outcome;
  }

  unregister(appInstanceId: string): void {
    this.registry.removeAppInstance(appInstanceId);
  }

  isReady(appInstanceId: string): boolean {
    return this.registry.appInstance(appInstanceId)?.ready ?? false;
  }

  services(): TMp1Service[] {
    return this.registry.snapshot().services.filter((s) => s.appInstanceId !== PLATFORM_INSTANCE_ID).map(({ appInstanceId, service }) => ({
      serInstanceId: service.serInstanceId,
      serName: service.serName,
      appInstanceId,
      state: service.state,
      version: service.version,
    }));
  }

  appEnv(appInstanceId: string, credentials: TMp1Credentials): Record<string, string> {
    return {
      MEC_APP_INSTANCE_ID: appInstanceId,
      MP1_API_ROOT: this.apiRoot,
      MP1_TOKEN_URL: `${this.apiRoot}${TOKEN_PATH}`,
      MP1_CLIENT_ID: credentials.clientId,
      MP1_CLIENT_SECRET: credentials.clientSecret,
    };
  }

  /** Coalesces bursts of changes into one write. */
  private schedulePersist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persisting = this.persisting
        .then(() => this.options.store.writeMp1Snapshot(this.registry.snapshot()))
        .catch((error: Error) => this.options.log.error('could not save the Mp1 snapshot', { error }));
    }, 200);
  }
}
