/**
 * A stand-in TSite for the host's own tests (the control API, expiry, streams, failures): it keeps
 * its state in memory, records what the host called, and can be told to throw.
 */
import { AppError } from '@mecport/contracts';
import type { TEngineEvent, THostSite, TWorldSnapshot } from '@mecport/contracts/sandbox';
import type { TCreateSite, TSite, TSiteOptions, TSiteUpdate } from '../../site/site';

export interface TFakeSite extends TSite {
  invoked: string[];
  destroyed: boolean;
  /** The next call of this method throws a plain Error (a bug in the site's code). */
  breakNext: string | null;
  emit(update: TSiteUpdate): void;
  received: { request?: Request; path?: string; packagePath?: string };
}

export function fakeSiteFactory(): { createSite: TCreateSite; sites: Map<string, TFakeSite>; slowness: { nextCreateMs: number } } {
  const sites = new Map<string, TFakeSite>();
  const slowness = { nextCreateMs: 0 };
  return {
    sites,
    slowness,
    createSite: async (options) => {
      const wait = slowness.nextCreateMs;
      slowness.nextCreateMs = 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const site = fakeSite(options);
      sites.set(options.sandboxId, site);
      return site;
    },
  };
}

function fakeSite(options: TSiteOptions): TFakeSite {
  let status: THostSite['status'] = 'ready';
  let timeSec = 0;
  const listeners = new Set<(update: TSiteUpdate) => void>();
  const info = (): THostSite => ({
    sandboxId: options.sandboxId, scenarioId: options.scenario.id, seed: options.seed, clock: options.clock, status, failureReason: null,
    timeSec, expiresAt: options.expiresAt, deployment: null, networkShaping: options.network.shaping,
  });
  const site: TFakeSite = {
    sandboxId: options.sandboxId, invoked: [], destroyed: false, breakNext: null, received: {},
    emit: (update) => listeners.forEach((listener) => listener(update)),
    info: () => call('info', info),
    start: () => call('start', () => { status = 'running'; return Promise.resolve(info()); }),
    pause: () => call('pause', () => { status = 'paused'; return Promise.resolve(info()); }),
    reset: () => call('reset', () => { timeSec = 0; return Promise.resolve(info()); }),
    run: (seconds) => call('run', () => {
      if (options.clock !== 'virtual') throw new AppError('conflict', 'Only a virtual clock runs ahead');
      timeSec += seconds;
      return Promise.resolve({ timeSec, eventCount: 0, eventLogSha256: '0'.repeat(64), wallMs: 1 });
    }),
    inject: (event) => call('inject', () => void event),
    events: (afterSeq, limit) => call('events', () => [] as TEngineEvent[]).slice(afterSeq, afterSeq + limit),
    deploy: (_deploy, packagePath) => call('deploy', () => { site.received.packagePath = packagePath; return Promise.resolve(info()); }),
    world: () => call('world', () => ({ timeSec, seq: 0 }) as unknown as TWorldSnapshot),
    calls: () => call('calls', () => ({ items: [], nextCursor: null })),
    har: () => call('har', () => ({ log: { version: '1.2', entries: [] } })),
    logs: () => call('logs', () => ({ items: [], nextCursor: null })),
    tryIt: (request, path) => call('tryIt', () => { site.received.request = request; site.received.path = path; return Promise.resolve(Response.json({ tried: path })); }),
    subscribe: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    destroy: () => { site.destroyed = true; return options.network.destroy(); },
  };
  function call<T>(name: string, body: () => T): T {
    site.invoked.push(name);
    if (site.breakNext === name) {
      site.breakNext = null;
      throw new Error(`${name} broke`);
    }
    return body();
  }
  return site;
}
