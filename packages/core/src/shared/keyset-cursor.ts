/**
 * Keyset (cursor) pagination over newest-first lists ordered by (createdAt desc, id desc): the
 * opaque cursor every such list of the API issues (audit trail, apps, versions, comments, uploads,
 * nodes, instances, alarms, deployments). The catalog, sorted by other keys, has its own cursor
 * (store/catalog/catalog-cursor.ts).
 *
 * @example
 * const rows = await db.auditEvent.findMany({ where: { tenantId, ...afterCursor(query.cursor) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1 });
 * const nextCursor = rows.length > limit ? encodeCursor(rows[limit - 1]) : null;
 */
import { AppError } from '@mecport/contracts';

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
