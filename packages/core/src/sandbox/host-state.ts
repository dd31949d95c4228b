/**
 * A sandbox as the host reports it now, written back to the row's cache when it changed. A site
 * the host no longer runs (it restarted) leaves the row failed with the reason; deleting it still works.
 */
import type { THostSite, TSandbox } from '@mecport/contracts/sandbox';
import type { DbClient, Sandbox } from '@mecport/db';
import { TSiteGone, type THostClient } from './host-client';
import { cacheDiffers, cacheOf, toSandbox } from './mappers';
import { sandboxFailed } from './problems';

export const SITE_LOST_REASON = 'The sandbox host no longer runs this sandbox (it restarted or lost it); delete it and create a new one';

/** Writes the host's answer into the row's cache, only when it differs. */
export async function cacheSite(db: DbClient, row: Sandbox, site: THostSite): Promise<Sandbox> {
  if (!cacheDiffers(row, site)) return row;
  return db.sandbox.update({ where: { id: row.id }, data: cacheOf(site) });
}

export async function markLost(db: DbClient, row: Sandbox): Promise<Sandbox> {
  if (row.status === 'failed' && row.failureReason === SITE_LOST_REASON) return row;
  return db.sandbox.update({ where: { id: row.id }, data: { status: 'failed', failureReason: SITE_LOST_REASON } });
}

/** The sandbox with its status from the host (the row's cache refreshed on the way). */
export async function liveSandbox(db: DbClient, host: THostClient, row: Sandbox): Promise<TSandbox> {
  try {
    const site = await host.getSite(row.id);
    return toSandbox(await cacheSite(db, row, site), site);
  } catch (error) {
    if (error instanceof TSiteGone) return toSandbox(await markLost(db, row));
    throw error;
  }
}

/**
 * Runs a host call about one site: a site the host lost marks the row failed and answers 409
 * `sandbox-failed` with the reason, instead of a bare 404 for a sandbox the caller can see.
 */
export async function onSite<T>(db: DbClient, row: Sandbox, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TSiteGone)) throw error;
    await markLost(db, row);
    throw sandboxFailed(SITE_LOST_REASON);
  }
}


