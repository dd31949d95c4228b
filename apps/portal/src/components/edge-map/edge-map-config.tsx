'use client';
/**
 * The edge map's runtime configuration in the browser (the tile URL), handed down by the
 * edge-map layout from the server's environment so that one build serves every deployment.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { TPublicMapConfig } from '@/server/public-config';

const MapConfigContext = createContext<TPublicMapConfig>({ tileUrl: 'none' });

export function EdgeMapConfig({ config, children }: { config: TPublicMapConfig; children: ReactNode }) {
  return <MapConfigContext.Provider value={config}>{children}</MapConfigContext.Provider>;
}

export function useMapConfig(): TPublicMapConfig {
  return useContext(MapConfigContext);
}
