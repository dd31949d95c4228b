/** Reads a tenant's audit trail, newest first, with keyset (cursor) pagination. */
import { type TAuditEvent, type TAuditQuery, notFoundInTenant } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { afterCursor, encodeCursor } from '../shared/keyset-cursor';

interface TAuditRow { id: string; createdAt: Date; actorSubject: string; actorName: string; action: string; targetType: string; targetId: string | null; data: unknown; requestId: string | null }

function toEvent(row: TAuditRow): TAuditEvent {
  const data = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return { id: row.id, at: row.createdAt.toISOString(), actor: { subject: row.actorSubject, name: row.actorName }, action: row.action, target: { type: row.targetType, id: row.targetId }, data, requestId: row.requestId };
}

export async function listAuditEvents(prisma: DbClient, tenantId: string, query: TAuditQuery): Promise<{ items: TAuditEvent[]; nextCursor: string | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: {
      tenantId,
      ...(query.action ? { action: query.action } : {}),
      ...afterCursor(query.cursor),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toEvent), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Another tenant's event answers 404, exactly like a missing one, so ids leak nothing. */
export async function getAuditEvent(prisma: DbClient, tenantId: string, id: string): Promise<TAuditEvent> {
  const row = await prisma.auditEvent.findFirst({ where: { id, tenantId } });
  if (!row) throw notFoundInTenant('audit-event', id);
  return toEvent(row);
}
