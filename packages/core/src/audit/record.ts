/** Writes one audit entry; call it inside the same transaction as the change it records. */
import type { DbTransaction, Prisma } from '@mecport/db';

/** Who an entry names: a signed-in actor (identity's `TActor` fits) or a system job. */
export interface TAuditActor { subject: string; name: string; tenant: { id: string } }

export interface TAuditEntry { action: string; target: { type: string; id: string | null }; data?: Prisma.InputJsonObject; requestId?: string }

export async function recordAudit(tx: DbTransaction, actor: TAuditActor, entry: TAuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      tenantId: actor.tenant.id, actorSubject: actor.subject, actorName: actor.name, action: entry.action,
      targetType: entry.target.type, targetId: entry.target.id, data: entry.data ?? {}, requestId: entry.requestId ?? null,
    },
  });
}
