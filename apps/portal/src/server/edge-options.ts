/** The edge settings routes pass to domain code, and the one revision watcher of this process. */
import { AppError } from '@mecport/contracts';
import { RevisionWatcher } from '@mecport/core';
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
