/** The edge settings routes pass to domain code (plain values from the configuration; services are in `services.ts`). */
import { portalEnv } from '@/env';

export function nodeOptions(): { offlineAfterSec: number } {
  return { offlineAfterSec: portalEnv().MECPORT_NODE_OFFLINE_AFTER_SEC };
}

/** The URL agents should reach the portal at: configured, else the one the operator used. */
export function publicPortalUrl(request: Request): string {
  return portalEnv().MECPORT_PUBLIC_URL ?? new URL(request.url).origin;
}
