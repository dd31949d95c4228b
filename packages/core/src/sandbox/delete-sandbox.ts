/**
 * Removing sandboxes: by their owner's tenant (delete), or by the worker when they expire. The host
 * removes every process, port and file first (a site it no longer runs counts as removed), then
 * the row goes; the audit entry stays.
 */
import type { DbClient, Sandbox } from '@mecport/db';
import { recordAudit, type TAuditActor } from '../audit';
import type { TActor } from '../identity';
import { findSandbox } from './access';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

/** Who the audit trail names for expiry. */
const SWEEPER = { subject: 'system:sandbox-expiry', name: 'Sandbox expiry' };

export async function deleteSandbox(deps: TSandboxDeps, actor: TActor, sandboxId: string, requestId?: string): Promise<void> {
  const host = requireHost(deps);
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  await host.deleteSite(row.id);
  await removeSandboxRow(deps.db, row, actor, 'sandbox.delete', requestId);
}

/** The row goes with its audit entry, in one transaction (the host's site must be gone already). */
export async function removeSandboxRow(db: DbClient, row: Sandbox, actor: TAuditActor, action: string, requestId?: string, extra: Record<string, string | boolean> = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.sandbox.deleteMany({ where: { id: row.id } });
    if (count === 0) return; // removed meanwhile (a delete and the sweeper at once): one entry is enough
    await recordAudit(tx, actor, {
      action, target: { type: 'sandbox', id: row.id }, requestId,
      data: { scenarioId: row.scenarioId, clock: row.clock, experience: row.experience, ownerSubject: row.ownerSubject, expiresAt: row.expiresAt.toISOString(), ...extra },
    });
  });
}

/**
 * Removes every sandbox whose time is up: host site, then row, audited as `sandbox.expired`. When
 * the host cannot be reached the row stays for the next sweep, unless it expired over
 * `giveUpAfterMs` ago (the host deletes its sites at their expiry by itself).
 */
export async function expireSandboxes(deps: Pick<TSandboxDeps, 'db' | 'host'>, options: { now?: Date; giveUpAfterMs?: number; limit?: number } = {}): Promise<{ expired: number; kept: number }> {
  const now = options.now ?? new Date();
  const giveUpAfterMs = options.giveUpAfterMs ?? 10 * 60_000;
  const rows = await deps.db.sandbox.findMany({ where: { expiresAt: { lte: now } }, orderBy: { expiresAt: 'asc' }, take: options.limit ?? 500 });
  let expired = 0;
  for (const row of rows) {
    const destroyed = deps.host ? await deps.host.deleteSite(row.id).then(() => true, () => false) : false;
    if (!destroyed && now.getTime() - row.expiresAt.getTime() < giveUpAfterMs) continue;
    await removeSandboxRow(deps.db, row, { ...SWEEPER, tenant: { id: row.tenantId } }, 'sandbox.expired', undefined, { hostDestroyed: destroyed });
    expired += 1;
  }
  return { expired, kept: rows.length - expired };
}
