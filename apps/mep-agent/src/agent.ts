/**
 * The running agent (`mecport-agent run`): puts back what ran before (finishing or rolling
 * back an interrupted revision, adopting the apps that survived), serves Mp1, then follows
 * the portal through the edge channel and applies each newer revision. Without the portal it
 * keeps everything as it is, also across its own restarts, and converges when it returns.
 *
 * @example const agent = new Agent({ dataDir, mp1Port: 8581, log, baseEnv: appBaseEnv() }); await agent.start();
 */
import { createPrivateKey } from 'node:crypto';
import os from 'node:os';
import type { TAgentRuntime, TDesiredState, TNodeReport } from '@mecport/contracts';
import { Backoff, Doorbell } from './channel/backoff';
import { DnsServer } from './dns/dns-server';
import type { TUpstream } from './dns/upstreams';
import { EdgeChannel, type TChannelState } from './channel/edge-channel';
import { PortalClient } from './channel/portal-client';
import { TokenSigner } from './channel/token-signer';
import type { TPausePoint } from './env';
import type { TLogger } from './log';
import { HostMetrics } from './metrics/host-metrics';
import { Mp1Host } from './mp1-host';
import type { TPlatformService } from './mp1-platform-services';
import type { PodmanImages } from './packages/images/podman-images';
import { PackageStore } from './packages/package-store';
import { pauseAt, type TPause } from './pause';
import { Applier, type TApplyResult } from './reconcile/applier';
import type { TRestartOptions } from './runtime/process-record';
import { ProcessRuntime } from './runtime/process-runtime';
import { isSameProcess, procIdentity } from './runtime/proc-info';
import { detectPodman, PODMAN_INSTALL_HINT } from './runtime/podman/detect-podman';
import { RuntimeSwitch } from './runtime/runtime-switch';
import { DataPlane, type TCreateAdapter } from './rules/data-plane';
import { NodeRules } from './rules/node-rules';
import { RuleStateStore } from './rules/rule-state-store';
import type { TCredentials } from './state/schemas';
import { StateStore } from './state/state-store';
import { AGENT_VERSION } from './version';


/** Seconds each app gets to exit when the agent stops its apps with itself. */
const STOP_APPS_GRACE_SEC = 5;
export interface TAgentOptions {
  dataDir: string;
  mp1Port: number;
  /** Where Mp1 listens (default 127.0.0.1), the URL the apps are told instead, and the platform's own services (see Mp1Host). */
  mp1?: { host?: string; publicUrl?: string; platformServices?: TPlatformService[] };
  log: TLogger;
  /** Variables the apps inherit (see env.ts appBaseEnv). */
  baseEnv: Record<string, string>;
  pauseAt?: TPausePoint;
  /** Tests shorten these. */
  restart?: Partial<TRestartOptions>;
  channel?: { waitSec?: number; backoff?: { baseMs: number; maxMs: number } };
  applyRetry?: { baseMs: number; maxMs: number };
  logPushIntervalMs?: number;
  credentialsPollMs?: number;
  /** The node's DNS server; undefined: none. */
  dns?: { host: string; port: number; upstreams: TUpstream[] };
  /** What data-plane adapters may read of the environment (their settings and secrets). */
  adapterEnv?: Readonly<Record<string, string | undefined>>;
  /** Tests inject a data-plane adapter here. */
  createAdapter?: TCreateAdapter;
  /** The node's registry credentials (containers-auth.json), given to podman pulls as --authfile. */
  registryAuth?: string;
}

export class Agent {
  readonly state: StateStore;
  /** Process apps, and container apps when podman works here (found at start). */
  readonly runtime: RuntimeSwitch;
  readonly mp1: Mp1Host;
  readonly dns: DnsServer | undefined;
  readonly rules: NodeRules;
  private readonly dataPlane: DataPlane;
  private readonly ruleStates: RuleStateStore;
  private readonly applier: Applier;
  private readonly metrics: HostMetrics;
  private readonly bell = new Doorbell();
  private readonly log: TLogger;
  private credentials: TCredentials | undefined;
  private channel: EdgeChannel | undefined;
  private client: PortalClient | undefined;
  private desired: TDesiredState | undefined;
  private permanentFailure: number | undefined;
  private lastApply: { revision: number; outcome: 'applied' | 'failed'; message: string | null; at: string } | null = null;
  private lastReport: TNodeReport | undefined;
  private stopped = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly pushedLogs = new Map<string, string>();
  private readonly pause: TPause;
  /** What this node can run, reported at every heartbeat. */
  private runtimes: TAgentRuntime[] = ['process'];
  private images: PodmanImages | undefined;

  constructor(private readonly options: TAgentOptions) {
    this.log = options.log;
    this.state = new StateStore(options.dataDir);
    const processes = new ProcessRuntime({ runtimeDir: this.state.paths.runtime, logsDir: this.state.paths.logs, baseEnv: options.baseEnv, log: this.log, restart: options.restart });
    this.runtime = new RuntimeSwitch({ process: processes, hostname: os.hostname() });
    this.pause = pauseAt(options.pauseAt, this.state.dir, this.log);
    this.mp1 = new Mp1Host({ port: options.mp1Port, ...options.mp1, store: this.state, log: this.log.child({ component: 'mp1' }) });
    this.metrics = new HostMetrics(this.state.dir);
    this.dns = options.dns && new DnsServer({ ...options.dns, log: this.log.child({ component: 'dns' }) });
    this.dataPlane = new DataPlane({
      recordPath: this.state.paths.dataPlane,
      adapterDeps: { dataDir: this.state.dir, env: options.adapterEnv ?? {}, log: this.log.child({ component: 'data-plane' }) },
      log: this.log.child({ component: 'data-plane' }),
      create: options.createAdapter,
    });
    this.ruleStates = new RuleStateStore(this.state.paths.ruleStates);
    this.rules = new NodeRules({ dataPlane: this.dataPlane, store: this.ruleStates, dns: this.dns, log: this.log.child({ component: 'rules' }), onAppChange: () => this.appSwitchedRule() });
    this.applier = new Applier({
      state: this.state,
      runtime: this.runtime,
      mp1: this.mp1,
      packages: new PackageStore(this.state.paths.packages),
      openPackage: () => this.client && ((ref) => (offset) => this.client!.openPackage(ref.path, offset)),
      pause: this.pause,
      log: this.log,
      rules: this.rules,
      images: () => this.images,
    });
  }

  get channelState(): TChannelState | undefined {
    return this.channel?.state;
  }

  async start(): Promise<void> {
    const credentials = await this.state.readCredentials();
    if (!credentials) throw new Error(`not enrolled: run \`mecport-agent enroll --portal <url> --token <token> --data-dir ${this.state.dir}\` first`);
    await this.claimDataDir();
    await this.useContainers(credentials.nodeId);
    await this.runtime.load();
    await Promise.all([this.dataPlane.load(), this.ruleStates.load()]);
    this.rules.listen(this.mp1.registry);
    await this.mp1.start();
    await this.startDns();
    const privateKeyPem = await this.state.readPrivateKeyPem();
    this.useCredentials(credentials, privateKeyPem); // before recovery: completing a revision may need a download
    const recovered = await this.applier.recover().catch((error: Error) => {
      this.log.error('could not put back everything that ran before; the next revision will', { error });
      return undefined;
    });
    const desired = await this.state.readDesired();
    this.desired = desired?.nodeId === credentials.nodeId ? desired : undefined;
    this.connect(credentials, privateKeyPem);
    if (recovered) this.delivered(recovered);
    void this.applyLoop();
    this.timers.push(setInterval(() => void this.pushLogs(), this.options.logPushIntervalMs ?? 10_000));
    this.log.info('agent started', { nodeId: credentials.nodeId, portal: credentials.portalUrl, mp1: this.mp1.apiRoot, dns: this.dns?.address ?? null, appliedRevision: this.applier.applied?.revision ?? -1 });
  }

  /**
   * Stops the agent; the apps keep running (a restarted agent adopts them). An apply in
   * progress is not waited for (a large download could take minutes): its journal lets the
   * next start complete or roll it back, exactly as after a crash.
   */
  async stop(options: { stopApps?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.bell.ring();
    for (const timer of this.timers) clearInterval(timer);
    await this.channel?.stop();
    // Only for a throwaway node (the demo agent of `npm start`): a real node keeps its apps.
    if (options.stopApps) await Promise.all(this.runtime.instances().map((i) => this.runtime.stop(i.spec.appInstanceId, STOP_APPS_GRACE_SEC)));
    await this.runtime.detach();
    await this.mp1.close();
    await this.dns?.close();
    await this.dataPlane.close();
    await this.state.clearAgentPid();
  }

  /**
   * The podman runtime when podman works here (its code is loaded only then: a node without
   * podman does not pay for it in memory). Pods are labelled with the node id.
   */
  private async useContainers(nodeId: string): Promise<void> {
    const podman = await detectPodman({ dataDir: this.state.dir, env: this.options.baseEnv });
    if (!podman) {
      this.log.info(`no container runtime: podman is not installed or does not work here; container apps are refused (${PODMAN_INSTALL_HINT})`);
      return;
    }
    const [{ PodmanRuntime }, { PodmanImages }] = await Promise.all([import('./runtime/podman/podman-runtime'), import('./packages/images/podman-images')]);
    this.runtime.usePodman(new PodmanRuntime({
      podman, runtimeDir: this.state.paths.runtimePodman, logsDir: this.state.paths.logs, agentId: nodeId, log: this.log.child({ component: 'podman' }), restart: this.options.restart, pause: this.pause,
    }));
    this.images = new PodmanImages(podman, { authFile: this.options.registryAuth });
    this.runtimes = ['process', 'podman'];
  }

  /**
   * The DNS server on its port. One that cannot listen (port 53 taken, no privilege) is logged and
   * shown by `status`; the apps, Mp1 and the channel go on without it.
   */
  private async startDns(): Promise<void> {
    if (!this.dns) return;
    try {
      await this.dns.start();
      const pid = await this.state.readAgentPid();
      if (pid) await this.state.writeAgentPid({ ...pid, dns: { address: this.dns.address, upstreams: this.dns.upstreams } });
    } catch (error) {
      this.log.error(`the DNS server cannot listen on ${this.dns.address}: ${(error as Error).message}. The apps' names are not answered on this node until the agent restarts with a free port (--dns-port)`, { error });
      const pid = await this.state.readAgentPid();
      if (pid) await this.state.writeAgentPid({ ...pid, dns: { address: this.dns.address, upstreams: this.dns.upstreams, error: (error as Error).message } });
    }
  }

  /** An app switched a rule through Mp1 (already applied): tell the portal, with the rule's result on the data plane. */
  private appSwitchedRule(): void {
    this.channel?.kickRuleStates();
    if (this.lastReport?.outcome === 'applied') this.channel?.report({ ...this.lastReport, instances: this.applier.statuses(), ruleResults: this.rules.results });
  }

  /** Refuses a data dir another live agent uses: two agents would start every app twice. */
  private async claimDataDir(): Promise<void> {
    const other = await this.state.readAgentPid().catch(() => undefined);
    if (other && other.pid !== process.pid && (await isSameProcess(other))) throw new Error(`another agent (pid ${other.pid}) runs on ${this.state.dir}`);
    const me = await procIdentity(process.pid);
    await this.state.writeAgentPid({ pid: process.pid, startTicks: me?.startTicks ?? '', bootId: me?.bootId ?? '', startedAt: new Date().toISOString(), mp1Url: `http://${this.options.mp1?.host ?? '127.0.0.1'}:${this.options.mp1Port}` });
  }

  private useCredentials(credentials: TCredentials, privateKeyPem: string): PortalClient {
    this.credentials = credentials;
    const signer = new TokenSigner(createPrivateKey(privateKeyPem), { nodeId: credentials.nodeId, credentialId: credentials.credentialId });
    this.client = new PortalClient({ portalUrl: credentials.portalUrl, nodeId: credentials.nodeId, signer });
    return this.client;
  }

  /** Starts the edge channel with these credentials (after a re-enrolment: the new ones). */
  private connect(credentials: TCredentials, privateKeyPem: string): void {
    const client = this.client?.nodeId === credentials.nodeId && this.credentials === credentials ? this.client : this.useCredentials(credentials, privateKeyPem);
    const sameNode = (doc: TDesiredState | undefined) => (doc?.nodeId === credentials.nodeId ? doc.revision : -1);
    this.channel = new EdgeChannel({
      client,
      after: Math.max(sameNode(this.desired), sameNode(this.applier.applied)),
      heartbeatIntervalSec: this.desired?.heartbeatIntervalSec ?? credentials.heartbeatIntervalSec,
      agentVersion: AGENT_VERSION,
      onDesired: (doc) => this.accept(doc),
      heartbeat: () => this.heartbeat(),
      onState: (state, message) => void this.channelChanged(state, message),
      waitSec: this.options.channel?.waitSec,
      backoff: this.options.channel?.backoff,
      log: this.log.child({ component: 'channel' }),
      ruleStates: {
        pending: () => this.ruleStates.unsent,
        settled: (sent, outcome) => this.ruleStates.settled(sent, outcome.ruleSetVersion, Math.max(this.desired?.ruleSetVersion ?? 0, this.applier.applied?.ruleSetVersion ?? 0)),
      },
    });
    this.channel.start();
  }

  /** A newer document from the portal: keep it (crash-safely) and let the apply loop take it. */
  private async accept(document: TDesiredState): Promise<void> {
    await this.state.writeDesired(document);
    this.desired = document;
    this.bell.ring();
  }

  /** Applies the newest document whenever it is ahead of the applied one; retries failures with backoff. */
  private async applyLoop(): Promise<void> {
    const retry = new Backoff(this.options.applyRetry ?? { baseMs: 5000, maxMs: 300_000 });
    while (!this.stopped) {
      const target = this.desired;
      const applied = this.applier.applied;
      const appliedRevision = applied && applied.nodeId === target?.nodeId ? applied.revision : -1;
      if (!target || target.revision <= appliedRevision || target.revision === this.permanentFailure) {
        await this.bell.wait();
        continue;
      }
      this.log.info('applying a revision', { revision: target.revision, instances: target.appInstances.length });
      const result = await this.applier.apply(target);
      this.delivered(result);
      if (result.report.outcome === 'applied') {
        retry.reset();
        continue;
      }
      if (result.permanent) this.permanentFailure = target.revision;
      else await this.bell.wait(retry.next());
    }
  }

  private delivered(result: TApplyResult): void {
    const { outcome, message } = result.report;
    this.lastApply = { revision: result.revision, outcome, message, at: new Date().toISOString() };
    this.lastReport = result.report;
    this.channel?.report(result.report);
    void this.writeChannelStatus(this.channel?.state ?? 'connecting', message);
  }

  private async heartbeat() {
    return {
      appliedRevision: this.applier.applied?.revision ?? -1,
      metrics: await this.metrics.sample(),
      instances: this.applier.statuses().slice(0, 500),
      services: this.mp1.services().slice(0, 2000),
      runtimes: this.runtimes,
    };
  }

  /** Log tails of the instances whose log changed, at most one push per instance per interval. */
  private async pushLogs(): Promise<void> {
    const channel = this.channel;
    if (!channel || channel.state !== 'online') return;
    for (const { spec } of this.runtime.instances()) {
      const id = spec.appInstanceId;
      const version = await this.runtime.logVersion(id);
      if (!version || this.pushedLogs.get(id) === version) continue;
      const lines = await this.runtime.logsTail(id, 200);
      if (await channel.pushLogs({ appInstanceId: id, lines })) this.pushedLogs.set(id, version);
    }
  }

  private async channelChanged(state: TChannelState, message: string | null): Promise<void> {
    if (state === 'online') {
      this.log.info('connected to the portal');
      this.bell.ring(); // a revision that failed for want of the portal is tried again now
    }
    if (state === 'revoked') {
      this.log.error(`the portal revoked this node's credentials (${message ?? '401'}). The apps keep running and Mp1 keeps serving, but nothing new arrives: re-enrol with a new token: npx mecport-agent enroll --portal ${this.credentials?.portalUrl ?? '<url>'} --token <new token> --data-dir ${this.state.dir} --force`);
      this.watchForNewEnrolment();
    }
    await this.writeChannelStatus(state, message);
  }

  private async writeChannelStatus(state: TChannelState, message: string | null): Promise<void> {
    await this.state.writeChannelStatus({ state, since: new Date().toISOString(), message, lastApply: this.lastApply }).catch((error: Error) => this.log.error('could not write channel.json', { error }));
  }

  /** After a revocation: once `enroll --force` wrote new credentials, connect with them. */
  private watchForNewEnrolment(): void {
    const revokedId = this.credentials?.credentialId;
    const timer = setInterval(() => {
      void (async () => {
        const fresh = await this.state.readCredentials().catch(() => undefined);
        if (!fresh || fresh.credentialId === revokedId || this.stopped) return;
        clearInterval(timer);
        this.log.info('new enrolment found: reconnecting', { nodeId: fresh.nodeId });
        await this.channel?.stop();
        this.connect(fresh, await this.state.readPrivateKeyPem());
        this.bell.ring();
      })();
    }, this.options.credentialsPollMs ?? 5000);
    this.timers.push(timer);
  }
}
