/**
 * The Sandbox area's frame: the map's runtime configuration (the tile URL, as the edge map reads
 * it). The list answers HTTP 403 to a role the area does not admit (its page checks); a single
 * sandbox is open to any signed-in owner, since the store's "Try it" makes one for any visitor.
 */
import type { ReactNode } from 'react';
import { EdgeMapConfig } from '@/components/edge-map/edge-map-config';
import { publicMapConfig } from '@/server/public-config';

export default function SandboxLayout({ children }: { children: ReactNode }) {
  return <EdgeMapConfig config={publicMapConfig()}>{children}</EdgeMapConfig>;
}
