/**
 * The sandbox's MEP agent, run for real in sandbox mode: the site serves the edge channel it
 * talks to (site-channel.ts), enrols it with the real `mecport-agent enroll`, runs it with Mp1
 * advertised at the gateway (so the app's Mp1 calls pass the gateway and are recorded) and the
 * emulated services as the platform's own (listed by Mp1 GET /services), and turns a deployed
 * CSAR into the desired state's one app instance. Deployment state, message and readiness come
 * from the agent's reports and heartbeats; the app's log lines from its log pushes.
 *
 * @example
 *   const agent = await SiteAgent.start({ ...options });
 *   await agent.deploy(deploy, '/inbox/app.csar');
 *   await agent.destroy();
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TDesiredAppInstance, THeartbeat, TInstanceLogTail, TInstanceStatus, TNodeReport } from '@mecport/contracts';
import type { THostDeploy, THostSite } from '@mecport/contracts/sandbox';
import type { TSandboxNetwork } from '../isolation/sandbox-network';
import { AgentProcess, runAgentCommand, type TAgentCommand } from './agent-process';
import { isAlive, killProcesses, recordedAppPids } from './app-processes';
import { newTailLines, type LogBuffer } from './log-buffer';
import { SiteChannel } from './site-channel';
import { listenSiteServer, type TSiteServer } from './site-server';

export type TDeployment = NonNullable<THostSite['deployment']>;

export interface TSiteAgentOptions {
  sandboxId: string;
  /** The agent's own directory (credentials, state, packages, app logs). */
  dataDir: string;
  network: TSandboxNetwork;
  /** The gateway's URL as the agent and app reach it: Mp1 is advertised there, and the platform services under it. */
  gatewayUrl: string;
  logs: LogBuffer;
  agentBin?: string;
  /** How long the agent may take to enrol and come up. */
  startTimeoutMs?: number;
  onDeployment: (deployment: TDeployment) => void;
  /** The agent died, or the app crash-loops: the site fails with this reason. */
  onFailure: (reason: string) => void;
}

/** The platform's services the agent lists over Mp1 (MEC 013 Location, MEC 012 RNIS) at the gateway. */
export function platformServices(gatewayUrl: string) {
  return [
    { serName: 'LocationService', version: '2.2.1', uri: `${gatewayUrl}/location/v2`, category: { id: 'LocationService', name: 'Location', href: `${gatewayUrl}/location/v2`, version: '2.2.1' } },
    { serName: 'RNIS', version: '2.1.1', uri: `${gatewayUrl}/rni/v2`, category: { id: 'RNI', name: 'RNI', href: `${gatewayUrl}/rni/v2`, version: '2.1.1' } },
  ];
}

/**
 * What the sandbox tells its app beyond the agent's Mp1 variables: the address its side of the
 * sandbox is reached at (listen there and name it in callback URLs: in a network namespace the
 * site cannot reach the app's loopback), and that it runs in a sandbox.
 */
export function sandboxAppEnv(network: TSandboxNetwork): Record<string, string> {
  return { MEC_APP_ADDRESS: network.appSideAddress, MECPORT_SANDBOX: '1' };
}

const HEARTBEAT_SEC = 1;
const SANDBOX_MP1_PORT = 8581;

export class SiteAgent {
  deployment: TDeployment | null = null;
  private instance: TDesiredAppInstance | undefined;
  private process: AgentProcess | undefined;
  private readonly tails = new Map<string, string[]>();
  private readonly reportWaiters = new Set<(report: TNodeReport) => void>();
  private polled: (() => void) | undefined;
  private destroyed: Promise<void> | undefined;

  private constructor(private readonly options: TSiteAgentOptions, readonly channel: SiteChannel, readonly server: TSiteServer, readonly mp1Port: number) {}

  static async start(options: TSiteAgentOptions): Promise<SiteAgent> {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const holder: { agent?: SiteAgent } = {};
    const channel = new SiteChannel({
      nodeName: `sandbox-${options.sandboxId.slice(0, 8)}`,
      heartbeatIntervalSec: HEARTBEAT_SEC,
      on: { report: (r) => holder.agent?.reported(r), heartbeat: (h) => holder.agent?.heartbeat(h), logs: (l) => holder.agent?.pushedLogs(l), poll: () => holder.agent?.polled?.() },
    });
    const server = await listenSiteServer((request) => channel.app.fetch(request), options.network.siteAddress);
    // In a namespace of its own every port is free; on loopback, one that is free now.
    const mp1Port = options.network.isolated ? SANDBOX_MP1_PORT : await freePort(options.network.appSideAddress);
    const agent = new SiteAgent(options, channel, server, mp1Port);
    holder.agent = agent;
    try {
      await agent.run();
    } catch (error) {
      await agent.destroy();
      throw error;
    }
    return agent;
  }

  /** Mp1 as the site reaches it (the gateway proxies here). */
  get mp1Url(): string {
    return `http://${this.options.network.appSideAddress}:${this.mp1Port}`;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private get command(): TAgentCommand {
    return {
      commandPrefix: this.options.network.commandPrefix,
      bin: this.options.agentBin,
      // Log tails each second and quick restarts: a sandbox shows the app's output and finds a crash loop in seconds, not minutes.
      env: { LOG_LEVEL: 'info', MECPORT_AGENT_DNS_PORT: 'off', MECPORT_AGENT_LOG_PUSH_INTERVAL_MS: '1000', MECPORT_AGENT_RESTART_BACKOFF_MS: '200' },
    };
  }

  private async run(): Promise<void> {
    const dir = this.options.dataDir;
    const sink = (stream: 'stdout' | 'stderr', line: string) => this.options.logs.add('agent', stream, line);
    const servicesFile = join(dir, 'platform-services.json');
    await writeFile(servicesFile, JSON.stringify(platformServices(this.options.gatewayUrl)));
    await runAgentCommand(this.command, ['enroll', '--portal', this.server.url, '--token', this.channel.enrolmentToken(), '--data-dir', join(dir, 'agent'), '--name-hint', `sandbox-${this.options.sandboxId.slice(0, 8)}`], sink);
    const ready = new Promise<void>((resolve) => (this.polled = resolve));
    let exited: ((reason: Error) => void) | undefined;
    const died = new Promise<never>((_, reject) => (exited = reject));
    this.process = AgentProcess.start(this.command, [
      'run', '--data-dir', join(dir, 'agent'), '--mp1-port', String(this.mp1Port), '--mp1-host', this.options.network.appSideAddress,
      '--mp1-public-url', this.options.gatewayUrl, '--platform-services', servicesFile, '--stop-apps-on-exit',
    ], sink, (how) => {
      exited?.(new Error(`the sandbox's MEP agent exited (${how})`));
      this.options.onFailure(`the sandbox's MEP agent exited (${how})`);
      // Its apps outlive it by design on a node; in a sandbox nobody is left to stop them.
      void recordedAppPids(join(dir, 'agent', 'runtime')).then(killProcesses);
    });
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the sandbox's MEP agent did not come up within ${timeoutMs / 1000} s`)), timeoutMs)));
    try {
      await Promise.race([ready, died, timeout]);
    } finally {
      clearTimeout(timer);
      this.polled = undefined;
    }
  }

  /** The CSAR becomes the desired state's one app instance; resolves once the agent reported the revision. */
  async deploy(deploy: THostDeploy, packagePath: string): Promise<TDeployment> {
    const packages = join(this.options.dataDir, 'packages');
    await mkdir(packages, { recursive: true });
    const file = join(packages, `${deploy.packageSha256}.csar`);
    await moveFile(packagePath, file);
    const bytes = await readFile(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== deploy.packageSha256) {
      await rm(file, { force: true });
      throw new Error(`the package's SHA-256 is ${sha256}, not ${deploy.packageSha256}`);
    }
    const previous = this.instance;
    this.instance = {
      appInstanceId: randomUUID(), appDId: deploy.appId, appName: deploy.appName, appVersionId: deploy.appVersionId, version: deploy.version,
      package: { sha256, size: bytes.length, path: this.channel.addPackage(sha256, file) },
      desiredState: 'RUNNING', env: sandboxAppEnv(this.options.network), trafficRules: [], dnsRules: [], gracefulTerminationSec: 3,
    };
    this.deployment = { appId: deploy.appId, appVersionId: deploy.appVersionId, appName: deploy.appName, version: deploy.version, appInstanceId: this.instance.appInstanceId, state: 'PENDING', message: null, readyConfirmed: false };
    this.options.onDeployment(this.deployment);
    await this.apply([this.instance]);
    if (previous && previous.package.sha256 !== sha256) await rm(join(packages, `${previous.package.sha256}.csar`), { force: true });
    return this.deployment;
  }

  /** The app again from its start, as a new instance (fresh Mp1 state and credentials); `between` runs once the old one is gone. */
  async restartApp(between: () => void): Promise<void> {
    if (!this.instance || !this.deployment) return between();
    await this.apply([]);
    between();
    this.instance = { ...this.instance, appInstanceId: randomUUID(), desiredState: 'RUNNING' };
    this.deployment = { ...this.deployment, appInstanceId: this.instance.appInstanceId, state: 'PENDING', message: null, readyConfirmed: false };
    this.options.onDeployment(this.deployment);
    await this.apply([this.instance]);
  }

  /** Containment: the agent stops the app (it gets its termination notice and grace). */
  stopApp(): void {
    if (!this.instance || this.instance.desiredState === 'STOPPED') return;
    this.instance = { ...this.instance, desiredState: 'STOPPED' };
    this.channel.setInstances([this.instance]);
  }

  /** The deployed instance's Mp1 client credentials, from the agent's runtime record of it. */
  async appCredentials(): Promise<{ clientId: string; clientSecret: string } | undefined> {
    const env = (await this.runtimeSpec())?.env;
    return env?.MP1_CLIENT_ID && env.MP1_CLIENT_SECRET ? { clientId: env.MP1_CLIENT_ID, clientSecret: env.MP1_CLIENT_SECRET } : undefined;
  }

  /** The ports the deployed app declares (its process bundle's), where its notifications may go. */
  async appPorts(): Promise<number[]> {
    return ((await this.runtimeSpec())?.bundle?.ports ?? []).map((p) => p.port);
  }

  private async runtimeSpec(): Promise<{ env?: Record<string, string>; bundle?: { ports?: { port: number }[] } } | undefined> {
    if (!this.instance) return undefined;
    const path = join(this.options.dataDir, 'agent', 'runtime', `${this.instance.appInstanceId}.json`);
    const record = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as { spec?: { env?: Record<string, string>; bundle?: { ports?: { port: number }[] } } };
    return record.spec;
  }

  /** Every process (agent and apps, checked by pid) and the channel's port gone. Idempotent. */
  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      this.channel.close();
      await this.process?.stop();
      killProcesses(await recordedAppPids(join(this.options.dataDir, 'agent', 'runtime')));
      if (this.process?.pid) killProcesses([this.process.pid]);
      await this.server.close();
    })();
    return this.destroyed;
  }

  /** The app's processes still alive (after destroy: none). */
  async livePids(): Promise<number[]> {
    const pids = await recordedAppPids(join(this.options.dataDir, 'agent', 'runtime'));
    return [...pids, ...(this.process?.pid ? [this.process.pid] : [])].filter(isAlive);
  }

  private async apply(instances: TDesiredAppInstance[], timeoutMs = 60_000): Promise<void> {
    const { revision } = this.channel.setInstances(instances);
    await new Promise<void>((resolve) => {
      const waiter = (report?: TNodeReport) => {
        if (report && report.appliedRevision < revision && report.outcome === 'applied') return;
        clearTimeout(timer);
        this.reportWaiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(waiter, timeoutMs);
      this.reportWaiters.add(waiter);
    });
  }

  private reported(report: TNodeReport): void {
    this.updateFrom(report.instances);
    if (report.outcome === 'failed' && this.deployment) this.setDeployment({ ...this.deployment, message: report.message });
    for (const waiter of [...this.reportWaiters]) waiter(report);
  }

  private heartbeat(heartbeat: THeartbeat): void {
    this.updateFrom(heartbeat.instances);
  }

  private updateFrom(instances: TInstanceStatus[]): void {
    const status = this.deployment && instances.find((i) => i.appInstanceId === this.deployment!.appInstanceId);
    if (!status || !this.deployment) return;
    this.setDeployment({ ...this.deployment, state: status.state, message: status.message, readyConfirmed: status.ready });
    if (status.state === 'CRASH_LOOP') this.options.onFailure(`the app is in a crash loop (${status.restarts} restarts): ${status.message ?? 'no message from the agent'}`);
  }

  private setDeployment(next: TDeployment): void {
    const before = this.deployment;
    this.deployment = next;
    if (!before || before.state !== next.state || before.message !== next.message || before.readyConfirmed !== next.readyConfirmed) this.options.onDeployment(next);
  }

  private pushedLogs(tail: TInstanceLogTail): void {
    const fresh = newTailLines(this.tails.get(tail.appInstanceId) ?? [], tail.lines);
    this.tails.set(tail.appInstanceId, tail.lines);
    for (const line of fresh) this.options.logs.add('app', 'stdout', line);
  }
}

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    await copyFile(from, to);
    await rm(from, { force: true });
  }
  await stat(to);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
