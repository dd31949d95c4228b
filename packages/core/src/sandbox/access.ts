/**
 * Who may see and drive a sandbox. A sandbox belongs to a tenant: its developers and admins drive
 * it, its store admins read it, other roles of the tenant get 403; another tenant's sandbox is a 404
 * exactly like a missing one. The owner of an experience sandbox (the store's "try it", any role)
 * drives their own.
 */
import { AppError, notFoundInTenant, type TRole } from '@mecport/contracts';
import type { DbExecutor, Sandbox } from '@mecport/db';
import type { TActor } from '../identity';

export type TSandboxAccess = 'read' | 'write';

/** The roles that create and drive their tenant's sandboxes. */
export const SANDBOX_WRITERS: TRole[] = ['developer', 'admin'];
/** The roles that read their tenant's sandboxes. */
export const SANDBOX_READERS: TRole[] = ['developer', 'store-admin', 'admin'];

export function mayAccess(actor: Pick<TActor, 'subject' | 'roles' | 'tenant'>, row: Pick<Sandbox, 'tenantId' | 'ownerSubject' | 'experience'>, access: TSandboxAccess): 'yes' | 'forbidden' | 'hidden' {
  if (row.experience && row.ownerSubject === actor.subject) return 'yes';
  if (row.tenantId !== actor.tenant.id) return 'hidden';
  const roles = access === 'write' ? SANDBOX_WRITERS : SANDBOX_READERS;
  return actor.roles.some((role) => roles.includes(role)) ? 'yes' : 'forbidden';
}

/** The sandbox row if the actor may act on it this way; 404 for another tenant's, 403 for a role that may not. */
export async function findSandbox(db: DbExecutor, actor: TActor, sandboxId: string, access: TSandboxAccess): Promise<Sandbox> {
  const row = await db.sandbox.findUnique({ where: { id: sandboxId } });
  const verdict = row ? mayAccess(actor, row, access) : 'hidden';
  if (verdict === 'hidden' || !row) throw notFoundInTenant('sandbox', sandboxId);
  if (verdict === 'forbidden') {
    throw new AppError('forbidden', access === 'write' ? 'Only developers and admins drive their tenant\'s sandboxes' : 'Only developers, store admins and admins see their tenant\'s sandboxes');
  }
  return row;
}
