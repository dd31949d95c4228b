/**
 * Fault management (StarlingX style): raise is idempotent per fault and subject (one open alarm,
 * enforced by a partial unique index), operators acknowledge, and the condition's end clears it.
 */
import { AppError, notFoundInTenant, type TAlarmClearReason, type TMessageParams } from '@mecport/contracts';
import type { DbClient, DbExecutor, Prisma } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';

export const ALARM_KINDS = ['node_offline', 'instance_crash_loop', 'package_digest_mismatch'] as const;
export type TAlarmKind = (typeof ALARM_KINDS)[number];
const SEVERITY: Record<TAlarmKind, string> = { node_offline: 'major', instance_crash_loop: 'major', package_digest_mismatch: 'critical' };

export interface TAlarmSubject { tenantId: string; nodeId: string; appInstanceId?: string | null }

/**
 * `message` is the English text, naming the app and the node; `details` its parameters (appName,
 * nodeName, …), from which the UI writes it in the reader's language.
 */
export async function raiseAlarm(db: DbExecutor, kind: TAlarmKind, subject: TAlarmSubject, message: string, details: TMessageParams = {}): Promise<void> {
  // Already open: raising again changes nothing. ON CONFLICT DO NOTHING (not a caught unique
  // violation) keeps a surrounding transaction usable.
  await db.alarm.createMany({
    data: [{ kind, severity: SEVERITY[kind], tenantId: subject.tenantId, nodeId: subject.nodeId, appInstanceId: subject.appInstanceId ?? null, message, details: details as Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
}

/** The condition ended (the instance runs again, the node is back). */
export async function clearAlarms(db: DbExecutor, kind: TAlarmKind, subject: Omit<TAlarmSubject, 'tenantId'>, reason: TAlarmClearReason = 'condition_ended'): Promise<number> {
  const { count } = await db.alarm.updateMany({
    where: { kind, nodeId: subject.nodeId, ...(subject.appInstanceId ? { appInstanceId: subject.appInstanceId } : {}), state: { not: 'cleared' } },
    data: { state: 'cleared', clearedAt: new Date(), clearReason: reason },
  });
  return count;
}

/** The instance left its node: its open alarms (of `kinds`, default all) are cleared, saying why. */
export async function clearInstanceAlarms(db: DbExecutor, appInstanceIds: string[], reason: TAlarmClearReason, kinds?: readonly TAlarmKind[]): Promise<number> {
  if (appInstanceIds.length === 0) return 0;
  const { count } = await db.alarm.updateMany({
    where: { appInstanceId: { in: appInstanceIds }, state: { not: 'cleared' }, ...(kinds ? { kind: { in: [...kinds] } } : {}) },
    data: { state: 'cleared', clearedAt: new Date(), clearReason: reason },
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
    await tx.alarm.update({ where: { id: alarmId }, data: { state: 'cleared', clearedAt: new Date(), clearReason: 'operator' } });
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
    const last = node.lastHeartbeatAt?.toISOString() ?? null;
    await raiseAlarm(db, 'node_offline', { tenantId: node.tenantId, nodeId: node.id }, `Node ${node.name} sent no heartbeat since ${last ?? 'enrolment'}`, { nodeName: node.name, ...(last ? { since: last } : {}) });
  }
  return stale.length;
}
