/** The edge settings routes pass to domain code, and this process's one revision watcher and channel batchers. */
import { AppError } from '@mecport/contracts';
import { AgentWrites, ChannelReads, RevisionWatcher } from '@mecport/core';
import { getPrisma } from '@mecport/db';
import { portalEnv } from '@/env';

export function nodeOptions(): { offlineAfterSec: number } {
  return { offlineAfterSec: portalEnv().MECPORT_NODE_OFFLINE_AFTER_SEC };
}

/** The URL agents should reach the portal at: configured, else the one the operator used. */
export function publicPortalUrl(request: Request): string {
  return portalEnv().MECPORT_PUBLIC_URL ?? new URL(request.url).origin;
}

let watcher: RevisionWatcher | undefined;

export function revisionWatcher(): RevisionWatcher {
  const url = portalEnv().DATABASE_URL;
  if (!url) throw new AppError('unavailable', 'DATABASE_URL is not set, so agents cannot watch their desired state');
  watcher ??= new RevisionWatcher(url);
  return watcher;
}

let reads: ChannelReads | undefined;
let writes: AgentWrites | undefined;

/** Batched reads for agents' calls (credentials, revisions, desired states). */
export function channelReads(): ChannelReads {
  reads ??= new ChannelReads(getPrisma, { heartbeatIntervalSec: portalEnv().MECPORT_HEARTBEAT_INTERVAL_SEC });
  return reads;
}

/** Group-committed reports and heartbeats. */
export function agentWrites(): AgentWrites {
  writes ??= new AgentWrites(getPrisma);
  return writes;
}
