/**
 * Reading sandboxes. One sandbox: its status from the host, now. A list: the rows of the caller's
 * tenant (and the caller's own experience sandboxes) with one `GET /sites` to the host for every
 * status; when the host does not answer, the list shows the rows' cached statuses.
 */
import type { THostSite, TSandbox } from '@mecport/contracts/sandbox';
import type { TPageQuery } from '@mecport/contracts';
import type { Sandbox } from '@mecport/db';
import type { TActor } from '../identity';
import { afterCursor, encodeCursor } from '../shared/keyset-cursor';
import { findSandbox } from './access';
import { cacheSite, liveSandbox, markLost } from './host-state';
import { toSandbox } from './mappers';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

export async function getSandbox(deps: TSandboxDeps, actor: TActor, sandboxId: string): Promise<TSandbox> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'read');
  return liveSandbox(deps.db, host, row);
}

/** The caller's tenant's sandboxes, newest first, and the caller's own experience sandboxes of any tenant. */
export async function listSandboxes(deps: TSandboxDeps, actor: TActor, query: TPageQuery): Promise<{ items: TSandbox[]; nextCursor: string | null }> {
  const host = requireHost(deps);
  const rows = await deps.db.sandbox.findMany({
    where: { AND: [{ OR: [{ tenantId: actor.tenant.id }, { ownerSubject: actor.subject, experience: true }] }, afterCursor(query.cursor)] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const sites = page.length > 0 ? await host.listSites().catch(() => null) : null;
  const items = sites ? await Promise.all(page.map((row) => withSite(deps, row, sites))) : page.map((row) => toSandbox(row));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null };
}

async function withSite(deps: TSandboxDeps, row: Sandbox, sites: THostSite[]): Promise<TSandbox> {
  const site = sites.find((s) => s.sandboxId === row.id);
  // A site made after the host listed them is not lost: only rows older than a few seconds count.
  if (!site) return toSandbox(Date.now() - row.createdAt.getTime() > 10_000 ? await markLost(deps.db, row) : row);
  return toSandbox(await cacheSite(deps.db, row, site), site);
}
