/**
 * Picks a node's adapter from its data-plane setting (the desired state carries it). An adapter
 * whose code is loaded only here, so a node loads only the data plane it uses.
 */
import type { TDataPlane } from '@mecport/contracts';
import { CamaraAdapter } from './camara/camara-adapter';
import { MemoryAdapter } from './memory/memory-adapter';
import { NefAdapter } from './nef/nef-adapter';
import type { TAdapterDeps, TUpfAdapter } from './upf-adapter';

/** Declared beside the interface (an adapter imports it without importing this factory). */
export type { TAdapterDeps } from './upf-adapter';

export function createUpfAdapter(dataPlane: TDataPlane, deps: TAdapterDeps): Promise<TUpfAdapter> {
  switch (dataPlane.adapter) {
    case 'memory':
      return Promise.resolve(new MemoryAdapter());
    case 'nef':
      return new Promise((resolve) => resolve(new NefAdapter(dataPlane.settings, deps)));
    case 'camara':
      return new Promise((resolve) => resolve(new CamaraAdapter(dataPlane.settings, deps)));
    default:
      return Promise.reject(new Error(`the ${dataPlane.adapter} adapter is not built yet`));
  }
}
