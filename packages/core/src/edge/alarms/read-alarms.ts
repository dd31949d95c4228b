/** A tenant's alarms, newest first; `open` means active or acknowledged. */
import type { TAlarm, TAlarmQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { decodeCursor, encodeCursor } from '../../shared/keyset-cursor';

export async function listAlarms(db: DbClient, tenantId: string, query: Pick<TAlarmQuery, 'limit' | 'cursor' | 'state'> & Partial<Pick<TAlarmQuery, 'kind' | 'nodeId'>>): Promise<{ items: TAlarm[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db.alarm.findMany({
    where: {
      tenantId, state: query.state === 'open' ? { in: ['active', 'acknowledged'] } : query.state,
      ...(query.kind ? { kind: query.kind } : {}), ...(query.nodeId ? { nodeId: query.nodeId } : {}),
      ...(after ? { OR: [{ raisedAt: { lt: after.createdAt } }, { raisedAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, include: { node: { select: { name: true } } },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((a) => ({
      id: a.id, kind: a.kind as TAlarm['kind'], severity: a.severity as TAlarm['severity'], nodeId: a.nodeId, nodeName: a.node?.name ?? null, appInstanceId: a.appInstanceId,
      state: a.state, message: a.message, raisedAt: a.raisedAt.toISOString(), acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: a.acknowledgedBy, clearedAt: a.clearedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.raisedAt, id: last.id }) : null,
  };
}
