/**
 * What agents send: reports after applying a revision, heartbeats with metrics, log tails.
 * Reports and heartbeats are recorded in batches (one transaction of a few set-based statements for
 * many nodes, see AgentWrites): 1,000 agents reporting at once would otherwise queue 1,000
 * transactions for a pool of ten connections. A batch holds at most one item per node.
 */
import type { THeartbeat, TInstanceLogTail, TInstanceStatus, TMessageParams, TNodeReport } from '@mecport/contracts';
import type { DbClient, DbTransaction } from '@mecport/db';
import { clearAlarms, raiseAlarm } from '../alarms/alarms';
import { lockNodeRows } from './revision';
import { settleRuleRollouts } from '../rules/settle-rule-rollouts';

export interface TAgentNode { nodeId: string; tenantId: string }
export interface TReportItem { node: TAgentNode; report: TNodeReport }
export interface THeartbeatItem { node: TAgentNode; beat: THeartbeat; at: Date }

const AGENT_TX = { maxWait: 20_000, timeout: 20_000 };

/** The crash-loop alarm in English (naming app and node) and its parameters, with the instance's own message as code and parameters. */
function crashLoopAlarm(instance: { app: { name: string }; node: { name: string } }, status: TInstanceStatus): { message: string; details: TMessageParams } {
  // The instance's message parameters (exitCode, signal, restartInSec, …) sit beside the alarm's own.
  const cause = status.messageCode ? { ...status.messageParams, messageCode: status.messageCode } : {};
  return {
    message: `${instance.app.name} on node ${instance.node.name} is crash-looping (${status.restarts} restarts): ${status.message ?? ''}`.trim(),
    details: { ...cause, appName: instance.app.name, nodeName: instance.node.name, restarts: status.restarts, ...(status.message ? { message: status.message } : {}) },
  };
}

/**
 * Instance rows change only where the agent says something new; alarms follow the states. An
 * instance that left the desired state (terminated or withdrawn) raises no new alarm: its
 * process may crash a few more times before the agent applies the revision that removes it.
 */
async function applyInstanceStatuses(tx: DbTransaction, reports: { node: TAgentNode; statuses: TInstanceStatus[] }[]): Promise<void> {
  const live = await tx.appInstance.findMany({
    where: { nodeId: { in: reports.map((r) => r.node.nodeId) }, removedAt: null },
    select: { id: true, nodeId: true, state: true, restarts: true, ready: true, message: true, messageCode: true, messageParams: true, images: true, terminatedAt: true, app: { select: { name: true } }, node: { select: { name: true } } },
  });
  const reported = new Map(reports.flatMap(({ node, statuses }) => statuses.map((s) => [s.appInstanceId, { node, status: s }] as const)));
  const changed: TInstanceStatus[] = [];
  for (const instance of live) {
    const entry = reported.get(instance.id);
    if (!entry || entry.node.nodeId !== instance.nodeId) continue; // only the node's own instances
    const { node, status } = entry;
    const sameMessage = status.message === instance.message && (status.messageCode ?? null) === instance.messageCode && JSON.stringify(status.messageParams ?? null) === JSON.stringify(instance.messageParams);
    // Images are kept until the agent reports others (a status without them says nothing about them).
    const newImages = status.images !== undefined && JSON.stringify(status.images) !== JSON.stringify(instance.images);
    if (status.state !== instance.state || status.restarts !== instance.restarts || status.ready !== instance.ready || !sameMessage || newImages) changed.push(status);
    if (instance.terminatedAt) continue;
    const subject = { tenantId: node.tenantId, nodeId: node.nodeId, appInstanceId: instance.id };
    if (status.state === 'CRASH_LOOP') {
      const alarm = crashLoopAlarm(instance, status);
      await raiseAlarm(tx, 'instance_crash_loop', subject, alarm.message, alarm.details);
    } else if (status.state === 'RUNNING' && instance.state === 'CRASH_LOOP') await clearAlarms(tx, 'instance_crash_loop', subject, 'condition_ended');
    if (status.digestMismatch) {
      const details = { appName: instance.app.name, nodeName: instance.node.name };
      await raiseAlarm(tx, 'package_digest_mismatch', subject, `The package of ${instance.app.name} failed its sha256 check on node ${instance.node.name}`, details);
    }
  }
  if (changed.length === 0) return;
  const rows = changed.map((s) => ({ id: s.appInstanceId, state: s.state, restarts: s.restarts, ready: s.ready, message: s.message, message_code: s.messageCode ?? null, message_params: s.messageParams ?? null, images: s.images ?? null }));
  await tx.$executeRaw`
    UPDATE app_instance a SET state = v.state, restarts = v.restarts, ready = v.ready, message = v.message, message_code = v.message_code, message_params = v.message_params,
      images = COALESCE(v.images, a.images), updated_at = now()
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id uuid, state text, restarts int, ready boolean, message text, message_code text, message_params jsonb, images jsonb)
    WHERE a.id = v.id`;
}

/** Terminated instances an agent that applied its revision no longer runs are gone for good. */
async function markRemoved(tx: DbTransaction, applied: TReportItem[]): Promise<void> {
  if (applied.length === 0) return;
  const stillThere = applied.flatMap(({ report }) => report.instances.filter((s) => s.state !== 'REMOVED').map((s) => s.appInstanceId));
  await tx.appInstance.updateMany({
    where: { nodeId: { in: applied.map((r) => r.node.nodeId) }, removedAt: null, terminatedAt: { not: null }, id: { notIn: stillThere } },
    data: { removedAt: new Date(), state: 'REMOVED' },
  });
}

export async function recordNodeReports(db: DbClient, items: TReportItem[]): Promise<void> {
  const nodes = items.map(({ node, report }) => ({ id: node.nodeId, applied: report.appliedRevision }));
  await db.$transaction(async (tx) => {
    await lockNodeRows(tx, nodes.map((n) => n.id));
    await tx.$executeRaw`
      UPDATE edge_node n SET applied_revision = GREATEST(n.applied_revision, v.applied), last_heartbeat_at = now()
      FROM json_to_recordset(${JSON.stringify(nodes)}::json) AS v(id uuid, applied int)
      WHERE n.id = v.id`;
    await applyInstanceStatuses(tx, items.map(({ node, report }) => ({ node, statuses: report.instances })));
    await markRemoved(tx, items.filter(({ report }) => report.outcome === 'applied'));
    await settleRuleRollouts(tx, items.map(({ node, report }) => ({ nodeId: node.nodeId, report })));
  }, AGENT_TX);
}

export async function recordHeartbeats(db: DbClient, items: THeartbeatItem[]): Promise<void> {
  const nodes = items.map(({ node, beat, at }) => ({ id: node.nodeId, at, agent_version: beat.agentVersion, metrics: beat.metrics, services: beat.services, applied: beat.appliedRevision, runtimes: beat.runtimes ?? null }));
  const metrics = items.map(({ node, beat: { metrics: m }, at }) => ({
    node_id: node.nodeId, at, cpu_percent: m.cpuPercent, mem_used_bytes: m.memUsedBytes, mem_total_bytes: m.memTotalBytes,
    disk_used_bytes: m.diskUsedBytes, disk_total_bytes: m.diskTotalBytes, load1: m.load1, load5: m.load5, load15: m.load15,
  }));
  await db.$transaction(async (tx) => {
    await lockNodeRows(tx, nodes.map((n) => n.id));
    // Not updated_at: a heartbeat changes no registry data (the map's cache keys on it).
    await tx.$executeRaw`
      UPDATE edge_node n SET last_heartbeat_at = v.at, agent_version = v.agent_version, last_metrics = v.metrics, services = v.services,
        applied_revision = GREATEST(n.applied_revision, v.applied), runtimes = COALESCE(v.runtimes, n.runtimes)
      FROM json_to_recordset(${JSON.stringify(nodes)}::json) AS v(id uuid, at timestamptz, agent_version text, metrics jsonb, services jsonb, applied int, runtimes jsonb)
      WHERE n.id = v.id`;
    await tx.$executeRaw`
      INSERT INTO node_metric (node_id, at, cpu_percent, mem_used_bytes, mem_total_bytes, disk_used_bytes, disk_total_bytes, load1, load5, load15)
      SELECT * FROM json_to_recordset(${JSON.stringify(metrics)}::json) AS v(node_id uuid, at timestamptz, cpu_percent float8, mem_used_bytes bigint,
        mem_total_bytes bigint, disk_used_bytes bigint, disk_total_bytes bigint, load1 float8, load5 float8, load15 float8)
      ON CONFLICT DO NOTHING`;
    await applyInstanceStatuses(tx, items.map(({ node, beat }) => ({ node, statuses: beat.instances })));
    await tx.alarm.updateMany({ where: { kind: 'node_offline', nodeId: { in: items.map((i) => i.node.nodeId) }, state: { not: 'cleared' } }, data: { state: 'cleared', clearedAt: new Date(), clearReason: 'condition_ended' } });
  }, AGENT_TX);
}

export const recordNodeReport = (db: DbClient, node: TAgentNode, report: TNodeReport): Promise<void> => recordNodeReports(db, [{ node, report }]);
export const recordHeartbeat = (db: DbClient, node: TAgentNode, beat: THeartbeat): Promise<void> => recordHeartbeats(db, [{ node, beat, at: new Date() }]);

export async function recordLogTail(db: DbClient, nodeId: string, tail: TInstanceLogTail): Promise<void> {
  await db.appInstance.updateMany({ where: { id: tail.appInstanceId, nodeId }, data: { logTail: tail.lines } });
}

/** Metrics older than a day go (the side panel shows the last hour). */
export async function pruneNodeMetrics(db: DbClient, olderThanHours = 24): Promise<number> {
  const { count } = await db.nodeMetric.deleteMany({ where: { at: { lt: new Date(Date.now() - olderThanHours * 3600_000) } } });
  return count;
}
