/**
 * The edge area's frame: its sub-navigation (Map, Nodes, Deployments, Alarms) and the map's
 * runtime configuration (the tile URL from MECPORT_MAP_TILE_URL, read per request).
 */
import type { ReactNode } from 'react';
import { EdgeMapConfig } from '@/components/edge-map/edge-map-config';
import { EdgeMapTabs } from '@/components/edge-map/edge-map-tabs';
import { publicMapConfig } from '@/server/public-config';

export default function EdgeMapLayout({ children }: { children: ReactNode }) {
  return (
    <EdgeMapConfig config={publicMapConfig()}>
      <EdgeMapTabs />
      {children}
    </EdgeMapConfig>
  );
}
