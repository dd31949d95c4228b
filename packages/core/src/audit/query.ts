/** Reads a tenant's audit trail, newest first, with keyset (cursor) pagination. */
import { AppError, type TAuditEvent, type TAuditQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';

interface TAuditRow { id: string; createdAt: Date; actorSubject: string; actorName: string; action: string; targetType: string; targetId: string | null; data: unknown; requestId: string | null }

function toEvent(row: TAuditRow): TAuditEvent {
  const data = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return { id: row.id, at: row.createdAt.toISOString(), actor: { subject: row.actorSubject, name: row.actorName }, action: row.action, target: { type: row.targetType, id: row.targetId }, data, requestId: row.requestId };
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/** The rows after a cursor in newest-first (createdAt desc, id desc) order: {} on the first page. */
export function afterCursor(cursor: string | undefined): { OR?: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] } {
  if (!cursor) return {};
  const after = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] };
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('validation', 'query.cursor: not a cursor this API issued', { errors: [{ in: 'query', field: 'cursor', message: 'not a cursor this API issued' }] });
  }
  return { createdAt, id };
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
  if (!row) throw new AppError('not-found', `No audit event ${id} in your tenant`);
  return toEvent(row);
}
