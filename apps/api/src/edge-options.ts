/** The edge settings routes pass to domain code (plain values from the configuration; services are in `services.ts`). */
import { apiEnv } from './env';

export function nodeOptions(): { offlineAfterSec: number } {
  return { offlineAfterSec: apiEnv().MECPORT_NODE_OFFLINE_AFTER_SEC };
}

/**
 * The URL agents should reach the edge channel at, named in enrolment commands: the edge gateway's
 * (MECPORT_EDGE_GATEWAY_URL), else the portal's configured URL, else the one the operator used
 * (the agents' routes answer on the portal too).
 */
export function agentChannelUrl(request: Request): string {
  const env = apiEnv();
  return env.MECPORT_EDGE_GATEWAY_URL ?? env.MECPORT_PUBLIC_URL ?? new URL(request.url).origin;
}
