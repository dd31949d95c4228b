/**
 * Starts the host: clears what an earlier run left (its sites' directories, its namespaces), picks
 * the network once, and serves the control API on 127.0.0.1. `stop()` removes every site (no
 * process, namespace or file left) and closes the server.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Logger } from '@mecport/http';
import { createSandboxNetworkFactory, removeLeftoverNamespaces, type TIsolationProbe } from '../isolation/network-factory';
import type { TCreateSite } from '../site/site';
import { controlApp } from './control-app';
import type { THostSettings } from './env';
import { SiteRegistry } from './site-registry';

export interface TRunningHost {
  port: number;
  registry: SiteRegistry;
  isolation: TIsolationProbe;
  stop(): Promise<void>;
}

export async function startHost(settings: THostSettings, createSite: TCreateSite, log: Logger): Promise<TRunningHost> {
  const sitesDir = path.join(settings.dir, 'sites');
  const inboxDir = path.join(settings.dir, 'inbox');
  await rm(sitesDir, { recursive: true, force: true });
  await mkdir(sitesDir, { recursive: true });
  await mkdir(inboxDir, { recursive: true });
  const leftovers = settings.isolation === 'auto' ? await removeLeftoverNamespaces(settings.networkTag) : [];
  if (leftovers.length > 0) log.warn({ namespaces: leftovers }, 'removed the network namespaces of an earlier run');
  const networks = await createSandboxNetworkFactory({ tag: settings.networkTag, mode: settings.isolation });
  const registry = new SiteRegistry({ createSite, networks, sitesDir, log });
  const app = controlApp({ registry, secret: settings.secret, inboxDir, isolation: networks.probe, log });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: settings.port, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, isolation: networks.probe, dir: settings.dir }, 'sandbox host listening');
  let stopping: Promise<void> | undefined;
  return {
    port,
    registry,
    isolation: networks.probe,
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await registry.removeAll();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        await closed;
      })();
      return stopping;
    },
  };
}
