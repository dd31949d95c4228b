/**
 * The edge area's frame: its sub-navigation (Map, Nodes, Deployments, Alarms) and the map's
 * runtime configuration (the tile URL from MECPORT_MAP_TILE_URL, read per request); its pages
 * answer HTTP 403 to a signed-in role the area does not admit.
 */
import type { ReactNode } from 'react';
import { EdgeMapConfig } from '@/components/edge-map/edge-map-config';
import { EdgeMapTabs } from '@/components/edge-map/edge-map-tabs';
import { assertAreaPage } from '@/server/page-access';
import { publicMapConfig } from '@/server/public-config';

export default async function EdgeMapLayout({ children }: { children: ReactNode }) {
  await assertAreaPage('edgeMap'); // HTTP 403 for a signed-in role the area does not admit
  return (
    <EdgeMapConfig config={publicMapConfig()}>
      <EdgeMapTabs />
      {children}
    </EdgeMapConfig>
  );
}
