/**
 * `createSite`: one sandbox (the `TSite` contract in site.ts). It wires the world (engine, clock,
 * emulated Location and RNIS), the MEC API gateway with its call record and rate limit, and the
 * real MEP agent in sandbox mode that runs the developer's app; then keeps the site's status:
 * ready, running, paused, or failed (contained: the app flooded the APIs, crash-looped, or the
 * agent died), in which case the app is stopped and the record and logs stay readable.
 *
 * @example
 *   const site = await createSite({ sandboxId, dataDir, network, scenario, seed: 1, clock: 'virtual', expiresAt, rateLimitPerSec: 200 });
 *   await site.deploy(deploy, '/inbox/app.csar');
 *   await site.run(60);
 *   site.calls({ limit: 50 });
 *   await site.destroy();
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@mecport/contracts/errors';
import type { TUrlPolicy } from '@mecport/url-policy';
import { SANDBOX_PROBLEMS, type TSandboxStatus } from '@mecport/contracts/sandbox';
import { CallRecord } from './call-record';
import { createGateway } from './gateway';
import { toHar } from './har';
import { LogBuffer } from './log-buffer';
import { RateLimit } from './rate-limit';
import type { TCreateSite, TSite, TSiteOptions, TSiteUpdate } from './site';
import { SiteAgent } from './site-agent';
import { problemResponse } from './site-problem';
import { listenSiteServer, type TSiteServer } from './site-server';
import { tryItRequest } from './try-it';
import { createSiteWorld } from './world-wiring';
import type { TNotificationCall, TSiteWorld } from './site-world';

const WORLD_UPDATE_MS = 1000;

export interface TCreateSiteExtras {
  /** The agent's bin (default: apps/mep-agent/bin/mecport-agent.mjs of this checkout). */
  agentBin?: string;
  /** Tests shorten the flood detection. */
  floodAfterMs?: number;
}

export const createSite: TCreateSite = (options) => createSiteWith(options);

export async function createSiteWith(options: TSiteOptions, extras: TCreateSiteExtras = {}): Promise<TSite> {
  const site = new Site(options);
  try {
    await site.open(extras);
  } catch (error) {
    await site.destroy();
    throw error;
  }
  return site;
}

class Site implements TSite {
  readonly sandboxId: string;
  private status: TSandboxStatus = 'starting';
  private failureReason: string | null = null;
  private readonly record = new CallRecord();
  private readonly logLines = new LogBuffer();
  private readonly listeners = new Set<(update: TSiteUpdate) => void>();
  private siteWorld: TSiteWorld | undefined;
  private gateway: ReturnType<typeof createGateway> | undefined;
  private gatewayServer: TSiteServer | undefined;
  private agent: SiteAgent | undefined;
  private limit: RateLimit | undefined;
  private worldTimer: NodeJS.Timeout | undefined;
  private destroyed: Promise<void> | undefined;

  constructor(private readonly options: TSiteOptions) {
    this.sandboxId = options.sandboxId;
    this.notificationPolicy = options.network.isolated ? { allowPublic: false, allowCidrs: [`${options.network.appSideAddress}/32`] } : { allowPublic: false, loopbackPorts: [] };
  }

  async open(extras: TCreateSiteExtras): Promise<void> {
    const { options } = this;
    this.limit = new RateLimit(options.rateLimitPerSec, { floodAfterMs: extras.floodAfterMs, onFlood: (reason) => this.fail(reason) });
    const gateway = createGateway({
      record: this.record,
      limit: this.limit,
      clockSec: () => this.siteWorld?.engine.view.timeSec ?? 0,
      mp1Target: () => this.agent?.mp1Url,
      services: () => this.siteWorld?.services() ?? [],
      refusal: () => (this.status === 'failed' ? problemResponse(503, `urn:mecport:problem:${SANDBOX_PROBLEMS.failed}`, 'Sandbox failed', `This sandbox failed and answers no more calls: ${this.failureReason}`) : undefined),
    });
    this.gateway = gateway;
    this.gatewayServer = await listenSiteServer((request, env) => gateway.fetch(request, env), options.network.siteAddress);
    const world = createSiteWorld({
      scenario: options.scenario, seed: options.seed, clock: options.clock, apiRoot: this.gatewayServer.url, policy: this.notificationPolicy,
      onNotification: (call: TNotificationCall) => this.record.add(call),
      log: (error) => this.logLines.add('sandbox', 'stderr', `emulated service: ${(error as Error).message ?? String(error)}`),
    });
    this.siteWorld = world;
    world.engine.onEvent((event) => this.emit({ kind: 'event', event }));
    this.agent = await SiteAgent.start({
      sandboxId: options.sandboxId,
      dataDir: join(options.dataDir, 'site'),
      network: options.network,
      gatewayUrl: this.gatewayServer.url,
      logs: this.logLines,
      agentBin: extras.agentBin,
      onDeployment: () => this.deploymentChanged(),
      onFailure: (reason) => this.fail(reason),
    });
    this.setStatus('ready');
  }

  /**
   * Notifications go only to the app's side of the sandbox: its own namespace's address, or on
   * loopback the ports the app declares (filled in once it runs).
   */
  private readonly notificationPolicy: TUrlPolicy;

  private deploymentChanged(): void {
    this.emitStatus();
    if (this.options.network.isolated || !this.agent) return;
    void this.agent.appPorts().then((ports) => {
      this.notificationPolicy.loopbackPorts = ports;
    });
  }

  info() {
    const { options } = this;
    return {
      sandboxId: options.sandboxId, scenarioId: options.scenario.id, seed: options.seed, clock: options.clock, status: this.status, failureReason: this.failureReason,
      timeSec: this.siteWorld?.engine.view.timeSec ?? 0, expiresAt: options.expiresAt, deployment: this.agent?.deployment ?? null, networkShaping: options.network.shaping,
    };
  }

  async start() {
    this.refuseWhenFailed();
    if (this.options.clock === 'real') {
      this.siteWorld!.start();
      this.watchWorld();
    }
    this.setStatus('running');
    return this.info();
  }

  async pause() {
    this.refuseWhenFailed();
    this.siteWorld!.pause();
    this.stopWatchingWorld();
    this.setStatus('paused');
    this.emit({ kind: 'world', world: this.siteWorld!.engine.snapshot() });
    return this.info();
  }

  async reset() {
    this.refuseWhenFailed();
    this.stopWatchingWorld();
    this.siteWorld!.pause(); // ready means the clock stands at t = 0 until started again
    this.siteWorld!.reset();
    // The old app goes before the record is cleared, so that none of its calls lands in the new record.
    await this.agent!.restartApp(() => {
      this.record.clear();
      this.logLines.clear();
    });
    this.setStatus('ready');
    this.emit({ kind: 'world', world: this.siteWorld!.engine.snapshot() });
    return this.info();
  }

  async run(seconds: number) {
    this.refuseWhenFailed();
    if (this.options.clock !== 'virtual') {
      throw new AppError('conflict', 'This sandbox runs on the real clock; only a virtual-clock sandbox can run ahead', { extensions: { reason: SANDBOX_PROBLEMS.notVirtual } });
    }
    const result = await this.siteWorld!.run(seconds);
    this.emit({ kind: 'world', world: this.siteWorld!.engine.snapshot() });
    return result;
  }

  inject(event: Parameters<TSite['inject']>[0]) {
    this.siteWorld!.sync();
    this.siteWorld!.engine.inject(event);
  }

  events(afterSeq: number, limit: number) {
    return this.siteWorld!.engine.eventLog(afterSeq, limit);
  }

  async deploy(deploy: Parameters<TSite['deploy']>[0], packagePath: string) {
    this.refuseWhenFailed();
    await this.agent!.deploy(deploy, packagePath);
    return this.info();
  }

  world() {
    return this.siteWorld!.engine.snapshot();
  }

  calls(query: Parameters<TSite['calls']>[0]) {
    return this.record.page(query);
  }

  har() {
    return toHar(this.record.all(), this.gatewayServer?.url ?? 'http://sandbox.invalid');
  }

  logs(cursor: string | undefined, limit: number) {
    return this.logLines.page(cursor, limit);
  }

  async tryIt(request: Request, path: string): Promise<Response> {
    if (!this.gateway || !this.gatewayServer || !this.agent) return problemResponse(409, `urn:mecport:problem:${SANDBOX_PROBLEMS.notReady}`, 'Sandbox not ready', 'The sandbox is not up yet');
    const forwarded = await tryItRequest(request, path, { gatewayUrl: this.gatewayServer.url, mp1Url: this.agent.mp1Url, deployed: this.agent.deployment !== null, credentials: () => this.agent!.appCredentials() });
    if (forwarded instanceof Response) return forwarded;
    return this.gateway.fetch(forwarded, { source: 'try-it' });
  }

  subscribe(listener: (update: TSiteUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      this.stopWatchingWorld();
      await this.siteWorld?.close();
      await this.agent?.destroy();
      await this.gatewayServer?.close();
      await this.options.network.destroy();
      await rm(this.options.dataDir, { recursive: true, force: true });
      this.listeners.clear();
    })();
    return this.destroyed;
  }

  /** The processes of the site still alive (after destroy: none). */
  livePids(): Promise<number[]> {
    return this.agent?.livePids() ?? Promise.resolve([]);
  }

  /** Contained: the app is stopped, the clock too; the record and logs stay readable. */
  private fail(reason: string): void {
    if (this.status === 'failed' || this.destroyed) return;
    this.failureReason = reason;
    this.logLines.add('sandbox', 'stderr', `sandbox failed: ${reason}`);
    this.siteWorld?.pause();
    this.stopWatchingWorld();
    this.agent?.stopApp();
    this.setStatus('failed');
  }

  private refuseWhenFailed(): void {
    if (this.status === 'failed') throw new AppError('conflict', `This sandbox failed: ${this.failureReason}`, { extensions: { reason: SANDBOX_PROBLEMS.failed } });
    if (this.destroyed) throw new AppError('not-found', 'This sandbox was deleted');
  }

  private setStatus(status: TSandboxStatus): void {
    this.status = status;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.emit({ kind: 'status', site: this.info() });
  }

  private emit(update: TSiteUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch {
        // a listener's failure is its own (an SSE stream that went away)
      }
    }
  }

  private watchWorld(): void {
    this.worldTimer ??= setInterval(() => this.emit({ kind: 'world', world: this.siteWorld!.engine.snapshot() }), WORLD_UPDATE_MS);
  }

  private stopWatchingWorld(): void {
    clearInterval(this.worldTimer);
    this.worldTimer = undefined;
  }
}
