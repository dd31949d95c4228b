/**
 * The sites this host runs: created once per sandbox id (a second PUT adopts the first), each with
 * its network and directory, removed on DELETE, at its expiry, or when the host stops. A site whose
 * code throws is marked failed here and keeps its place; the host goes on serving the others.
 */
import { rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@mecport/contracts';
import type { THostSite, THostSiteCreate } from '@mecport/contracts/sandbox';
import type { Logger } from '@mecport/http';
import type { TSandboxNetworkFactory } from '../isolation/sandbox-network';
import type { TCreateSite, TSite } from '../site/site';
import { scenarioUeAddresses } from './scenario-ue-addresses';
import { followUeShaping } from './ue-shaping-follower';

/** setTimeout's ceiling; longer expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TSiteEntry {
  readonly site: TSite;
  failure: string | null;
  readonly removedListeners: Set<() => void>;
  /** Stops following the world with the UEs' shaping. */
  readonly unfollow: () => void;
}

export interface TRegistryOptions {
  createSite: TCreateSite;
  networks: TSandboxNetworkFactory;
  /** Each site's directory is `<sitesDir>/<sandboxId>`. */
  sitesDir: string;
  log: Logger;
  now?: () => number;
}

export class SiteRegistry {
  private readonly entries = new Map<string, TSiteEntry>();
  private readonly pending = new Map<string, Promise<TSiteEntry>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Ids deleted while their site was being created: the create answers 409 instead of keeping a destroyed site. */
  private readonly cancelled = new Set<string>();

  constructor(private readonly options: TRegistryOptions) {}

  /** Creates the site, or answers the one that exists (or is being created) for this id. */
  async put(sandboxId: string, create: THostSiteCreate): Promise<THostSite> {
    const existing = this.entries.get(sandboxId) ?? await this.pending.get(sandboxId);
    if (existing) return this.info(existing);
    const creating = this.create(sandboxId, create);
    this.pending.set(sandboxId, creating);
    try {
      const entry = await creating;
      if (this.cancelled.delete(sandboxId)) throw new AppError('conflict', `Sandbox ${sandboxId} was deleted while it was being created`);
      this.entries.set(sandboxId, entry);
      this.armExpiry(sandboxId, Date.parse(create.expiresAt));
      return this.info(entry);
    } finally {
      this.pending.delete(sandboxId);
      this.cancelled.delete(sandboxId);
    }
  }

  get(sandboxId: string): TSiteEntry {
    const entry = this.entries.get(sandboxId);
    if (!entry) throw new AppError('not-found', `No sandbox ${sandboxId} on this host`);
    return entry;
  }

  list(): THostSite[] {
    return [...this.entries.values()].map((entry) => this.info(entry));
  }

  get size(): number {
    return this.entries.size;
  }

  /** The site's own view, or failed with the reason when its code threw here. */
  info(entry: TSiteEntry): THostSite {
    const info = this.safeInfo(entry);
    return entry.failure === null ? info : { ...info, status: 'failed', failureReason: entry.failure };
  }

  /** Runs one site operation; anything but an AppError fails that site (not the host) and answers 500. */
  async guard<T>(entry: TSiteEntry, operation: (site: TSite) => T | Promise<T>): Promise<T> {
    try {
      return await operation(entry.site);
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.fail(entry, error);
      throw error;
    }
  }

  fail(entry: TSiteEntry, error: unknown): void {
    entry.failure ??= `the sandbox failed: ${(error as Error).message ?? String(error)}`;
    this.options.log.error({ err: error, sandboxId: entry.site.sandboxId }, 'a sandbox failed');
  }

  onRemoved(sandboxId: string, listener: () => void): () => void {
    const entry = this.get(sandboxId);
    entry.removedListeners.add(listener);
    return () => entry.removedListeners.delete(listener);
  }

  /** Stops and removes everything of the site; nothing when there is no such site. */
  async remove(sandboxId: string): Promise<void> {
    const pending = this.pending.get(sandboxId);
    if (pending && !this.entries.has(sandboxId)) this.cancelled.add(sandboxId);
    const entry = this.entries.get(sandboxId) ?? await pending?.catch(() => undefined);
    clearTimeout(this.timers.get(sandboxId));
    this.timers.delete(sandboxId);
    if (!entry) return;
    this.entries.delete(sandboxId);
    for (const listener of entry.removedListeners) listener();
    entry.unfollow();
    await entry.site.destroy().catch((error: unknown) => this.options.log.error({ err: error, sandboxId }, 'a sandbox did not stop cleanly'));
    await rm(this.siteDir(sandboxId), { recursive: true, force: true });
  }

  async removeAll(): Promise<void> {
    const ids = new Set([...this.entries.keys(), ...this.pending.keys()]);
    await Promise.all([...ids].map((id) => this.remove(id)));
  }

  siteDir(sandboxId: string): string {
    return path.join(this.options.sitesDir, sandboxId);
  }

  private async create(sandboxId: string, create: THostSiteCreate): Promise<TSiteEntry> {
    const dataDir = this.siteDir(sandboxId);
    await mkdir(dataDir, { recursive: true });
    const network = await this.options.networks.create(sandboxId, scenarioUeAddresses(create.scenario));
    try {
      const site = await this.options.createSite({ ...create, sandboxId, dataDir, network });
      return { site, failure: null, removedListeners: new Set(), unfollow: followUeShaping(site, network, this.options.log) };
    } catch (error) {
      await network.destroy().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  private armExpiry(sandboxId: string, expiresAtMs: number): void {
    const wait = Math.max(0, expiresAtMs - (this.options.now ?? Date.now)());
    const timer = setTimeout(() => {
      if (wait > MAX_TIMER_MS) return this.armExpiry(sandboxId, expiresAtMs);
      this.options.log.info({ sandboxId }, 'a sandbox expired');
      void this.remove(sandboxId);
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
    this.timers.set(sandboxId, timer);
  }

  private safeInfo(entry: TSiteEntry): THostSite {
    try {
      return entry.site.info();
    } catch (error) {
      this.fail(entry, error);
      throw error;
    }
  }
}
