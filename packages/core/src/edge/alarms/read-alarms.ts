/** A tenant's alarms, newest first; `open` means active or acknowledged. Each names its node and, for an instance's alarm, its app. */
import { ALARM_CLEAR_REASONS, ZMessageParams, type TAlarm, type TAlarmClearReason, type TAlarmQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { decodeCursor, encodeCursor } from '../../shared/keyset-cursor';

const include = { node: { select: { name: true } }, appInstance: { select: { appId: true, app: { select: { name: true } } } } } as const;

const clearReason = (value: string | null): TAlarmClearReason | null => ((ALARM_CLEAR_REASONS as readonly string[]).includes(value ?? '') ? (value as TAlarmClearReason) : null);

export async function listAlarms(db: DbClient, tenantId: string, query: Pick<TAlarmQuery, 'limit' | 'cursor' | 'state'> & Partial<Pick<TAlarmQuery, 'kind' | 'nodeId'>>): Promise<{ items: TAlarm[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db.alarm.findMany({
    where: {
      tenantId, state: query.state === 'open' ? { in: ['active', 'acknowledged'] } : query.state,
      ...(query.kind ? { kind: query.kind } : {}), ...(query.nodeId ? { nodeId: query.nodeId } : {}),
      ...(after ? { OR: [{ raisedAt: { lt: after.createdAt } }, { raisedAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, include,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((a) => {
      const details = ZMessageParams.safeParse(a.details);
      return {
        id: a.id, kind: a.kind as TAlarm['kind'], severity: a.severity as TAlarm['severity'], nodeId: a.nodeId, nodeName: a.node?.name ?? null, appInstanceId: a.appInstanceId,
        appId: a.appInstance?.appId ?? null, appName: a.appInstance?.app.name ?? null,
        state: a.state, message: a.message, details: details.success ? details.data : {}, clearReason: clearReason(a.clearReason),
        raisedAt: a.raisedAt.toISOString(), acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null, acknowledgedBy: a.acknowledgedBy, clearedAt: a.clearedAt?.toISOString() ?? null,
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.raisedAt, id: last.id }) : null,
  };
}
