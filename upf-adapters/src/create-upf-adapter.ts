/**
 * Picks a node's adapter from its data-plane setting (the desired state carries it). An adapter
 * whose code is loaded only here, so a node loads only the data plane it uses.
 */
import type { TDataPlane } from '@mecport/contracts';
import { MemoryAdapter } from './memory/memory-adapter';
import type { TUpfAdapter } from './upf-adapter';

export interface TAdapterDeps {
  /** Where an adapter may keep files (the agent's data dir). */
  dataDir: string;
  /** The agent's environment: secrets (a NEF client secret) come from here, never from the portal. */
  env: Readonly<Record<string, string | undefined>>;
  log: { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
}

export function createUpfAdapter(dataPlane: TDataPlane, deps: TAdapterDeps): Promise<TUpfAdapter> {
  void deps;
  switch (dataPlane.adapter) {
    case 'memory':
      return Promise.resolve(new MemoryAdapter());
    case 'nftables': return import('./nftables').then((m) => m.createNftablesAdapter(dataPlane.settings, deps));
    case 'nef': return import('./nef/nef-adapter').then((m) => new m.NefAdapter(dataPlane.settings, deps));
    case 'camara': return import('./camara/camara-adapter').then((m) => new m.CamaraAdapter(dataPlane.settings, deps));
    default:
      return Promise.reject(new Error(`the ${dataPlane.adapter} adapter is not built yet`));
  }
}
