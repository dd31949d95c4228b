/**
 * Fault management (StarlingX style): raise is idempotent per fault and subject (one open alarm,
 * enforced by a partial unique index), operators acknowledge, and the condition's end clears it.
 */
import { AppError, notFoundInTenant } from '@mecport/contracts';
import type { DbClient, DbExecutor } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';

export const ALARM_KINDS = ['node_offline', 'instance_crash_loop', 'package_digest_mismatch'] as const;
export type TAlarmKind = (typeof ALARM_KINDS)[number];
const SEVERITY: Record<TAlarmKind, string> = { node_offline: 'major', instance_crash_loop: 'major', package_digest_mismatch: 'critical' };

export interface TAlarmSubject { tenantId: string; nodeId: string; appInstanceId?: string | null }

export async function raiseAlarm(db: DbExecutor, kind: TAlarmKind, subject: TAlarmSubject, message: string): Promise<void> {
  // Already open: raising again changes nothing. ON CONFLICT DO NOTHING (not a caught unique
  // violation) keeps a surrounding transaction usable.
  await db.alarm.createMany({ data: [{ kind, severity: SEVERITY[kind], tenantId: subject.tenantId, nodeId: subject.nodeId, appInstanceId: subject.appInstanceId ?? null, message }], skipDuplicates: true });
}

export async function clearAlarms(db: DbExecutor, kind: TAlarmKind, subject: Omit<TAlarmSubject, 'tenantId'>): Promise<number> {
  const { count } = await db.alarm.updateMany({
    where: { kind, nodeId: subject.nodeId, ...(subject.appInstanceId ? { appInstanceId: subject.appInstanceId } : {}), state: { not: 'cleared' } },
    data: { state: 'cleared', clearedAt: new Date() },
  });
  return count;
}

export async function acknowledgeAlarm(db: DbClient, actor: TActor, alarmId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findFirst({ where: { id: alarmId, tenantId: actor.tenant.id } });
    if (!alarm) throw notFoundInTenant('alarm', alarmId);
    if (alarm.state !== 'active') throw new AppError('conflict', `The alarm is ${alarm.state}; only active alarms can be acknowledged`);
    await tx.alarm.update({ where: { id: alarmId }, data: { state: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: actor.name } });
    await recordAudit(tx, actor, { action: 'edge.alarm.acknowledge', target: { type: 'alarm', id: alarmId }, data: { kind: alarm.kind }, requestId });
  });
}

/** An operator clears an alarm by hand (e.g. after fixing a node that will not come back). */
export async function clearAlarm(db: DbClient, actor: TActor, alarmId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findFirst({ where: { id: alarmId, tenantId: actor.tenant.id } });
    if (!alarm) throw notFoundInTenant('alarm', alarmId);
    if (alarm.state === 'cleared') throw new AppError('conflict', 'The alarm is already cleared');
    await tx.alarm.update({ where: { id: alarmId }, data: { state: 'cleared', clearedAt: new Date() } });
    await recordAudit(tx, actor, { action: 'edge.alarm.clear', target: { type: 'alarm', id: alarmId }, data: { kind: alarm.kind }, requestId });
  });
}

/** Nodes whose heartbeat stopped get an alarm; the worker calls this periodically. */
export async function raiseOfflineAlarms(db: DbClient, offlineAfterSec: number): Promise<number> {
  const since = new Date(Date.now() - offlineAfterSec * 1000);
  const stale = await db.edgeNode.findMany({
    where: { revokedAt: null, enrolledAt: { not: null }, OR: [{ lastHeartbeatAt: null }, { lastHeartbeatAt: { lt: since } }] },
    select: { id: true, tenantId: true, name: true, lastHeartbeatAt: true },
  });
  for (const node of stale) {
    await raiseAlarm(db, 'node_offline', { tenantId: node.tenantId, nodeId: node.id }, `Node ${node.name} sent no heartbeat since ${node.lastHeartbeatAt?.toISOString() ?? 'enrolment'}`);
  }
  return stale.length;
}
