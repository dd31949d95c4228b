import type { DbClient } from '@mecport/db';

/** Deletes audit events older than the retention period, in every tenant; returns how many went. */
export async function pruneAuditEvents(prisma: DbClient, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const { count } = await prisma.auditEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
