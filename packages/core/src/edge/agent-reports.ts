/** What agents send: reports after applying a revision, heartbeats with metrics, log tails. */
import type { THeartbeat, TInstanceLogTail, TInstanceStatus, TNodeReport } from '@mecport/contracts';
import type { DbClient, DbTransaction } from '@mecport/db';
import { clearAlarms, raiseAlarm } from './alarms';

/** When 1,000 agents report at once, their transactions queue for the pool longer than Prisma's 2 s default. */
const AGENT_TX = { maxWait: 20_000, timeout: 20_000 };

async function applyInstanceStatuses(tx: DbTransaction, node: { id: string; tenantId: string }, statuses: TInstanceStatus[]): Promise<void> {
  const live = await tx.appInstance.findMany({ where: { nodeId: node.id, removedAt: null }, select: { id: true, state: true, restarts: true, ready: true, message: true, terminatedAt: true } });
  const reported = new Map(statuses.map((s) => [s.appInstanceId, s]));
  for (const instance of live) {
    const status = reported.get(instance.id);
    if (!status) continue;
    const changed = status.state !== instance.state || status.restarts !== instance.restarts || status.ready !== instance.ready || status.message !== instance.message;
    if (changed) await tx.appInstance.update({ where: { id: instance.id }, data: { state: status.state, restarts: status.restarts, ready: status.ready, message: status.message } });
    const subject = { tenantId: node.tenantId, nodeId: node.id, appInstanceId: instance.id };
    if (status.state === 'CRASH_LOOP') await raiseAlarm(tx, 'instance_crash_loop', subject, `App instance ${instance.id} is crash-looping (${status.restarts} restarts): ${status.message ?? ''}`.trim());
    else if (status.state === 'RUNNING' && instance.state === 'CRASH_LOOP') await clearAlarms(tx, 'instance_crash_loop', subject);
    if (status.digestMismatch) await raiseAlarm(tx, 'package_digest_mismatch', subject, `The package of app instance ${instance.id} failed its sha256 check on the node`);
  }
}

/** Terminated instances the agent no longer runs are gone for good. */
async function markRemoved(tx: DbTransaction, nodeId: string, statuses: TInstanceStatus[]): Promise<void> {
  const stillThere = statuses.filter((s) => s.state !== 'REMOVED').map((s) => s.appInstanceId);
  await tx.appInstance.updateMany({ where: { nodeId, removedAt: null, terminatedAt: { not: null }, id: { notIn: stillThere } }, data: { removedAt: new Date(), state: 'REMOVED' } });
}

export async function recordNodeReport(db: DbClient, node: { nodeId: string; tenantId: string }, report: TNodeReport): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.edgeNode.updateMany({ where: { id: node.nodeId, appliedRevision: { lt: report.appliedRevision } }, data: { appliedRevision: report.appliedRevision } });
    await tx.edgeNode.update({ where: { id: node.nodeId }, data: { lastHeartbeatAt: new Date() } });
    await applyInstanceStatuses(tx, { id: node.nodeId, tenantId: node.tenantId }, report.instances);
    if (report.outcome === 'applied') await markRemoved(tx, node.nodeId, report.instances);
  }, AGENT_TX);
}

export async function recordHeartbeat(db: DbClient, node: { nodeId: string; tenantId: string }, beat: THeartbeat): Promise<void> {
  const at = new Date();
  await db.$transaction(async (tx) => {
    await tx.edgeNode.update({ where: { id: node.nodeId }, data: { lastHeartbeatAt: at, agentVersion: beat.agentVersion, lastMetrics: beat.metrics, services: beat.services } });
    await tx.edgeNode.updateMany({ where: { id: node.nodeId, appliedRevision: { lt: beat.appliedRevision } }, data: { appliedRevision: beat.appliedRevision } });
    const m = beat.metrics;
    await tx.nodeMetric.create({
      data: { nodeId: node.nodeId, at, cpuPercent: m.cpuPercent, memUsedBytes: m.memUsedBytes, memTotalBytes: m.memTotalBytes, diskUsedBytes: m.diskUsedBytes, diskTotalBytes: m.diskTotalBytes, load1: m.load1, load5: m.load5, load15: m.load15 },
    });
    await applyInstanceStatuses(tx, { id: node.nodeId, tenantId: node.tenantId }, beat.instances);
    await clearAlarms(tx, 'node_offline', { nodeId: node.nodeId });
  }, AGENT_TX);
}

export async function recordLogTail(db: DbClient, nodeId: string, tail: TInstanceLogTail): Promise<void> {
  await db.appInstance.updateMany({ where: { id: tail.appInstanceId, nodeId }, data: { logTail: tail.lines } });
}

/** Metrics older than a day go (the side panel shows the last hour). */
export async function pruneNodeMetrics(db: DbClient, olderThanHours = 24): Promise<number> {
  const { count } = await db.nodeMetric.deleteMany({ where: { at: { lt: new Date(Date.now() - olderThanHours * 3600_000) } } });
  return count;
}
