/** Deployments of a tenant, newest first, and one with its per-node status. */
import { TARGET_STATUSES, ZDeploymentTargetSpec, ZInstanceState, type TDeployment, type TDeploymentDetail, notFoundInTenant } from '@mecport/contracts';
import type { DbClient, Prisma } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';

const include = { app: { select: { name: true } }, appVersion: { select: { version: true } }, targets: { select: { status: true } } } as const;
type TRow = Prisma.DeploymentGetPayload<{ include: typeof include }>;

function toDeployment(row: TRow, names: Map<string, string>): TDeployment {
  const counts = Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as TDeployment['counts'];
  for (const t of row.targets) if (t.status in counts) counts[t.status as keyof typeof counts] += 1;
  return {
    id: row.id, appId: row.appId, appName: row.app.name, appVersionId: row.appVersionId, version: row.appVersion.version, kind: row.kind === 'upgrade' ? 'upgrade' : 'install',
    target: ZDeploymentTargetSpec.parse(row.target), batchSize: row.batchSize, stopOnFailure: row.stopOnFailure, status: row.status, message: row.message, counts,
    createdBy: row.createdBy, createdByName: names.get(row.createdBy) ?? null, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Display names of the operators who started deployments, by subject. */
async function namesOf(db: DbClient, subjects: string[]): Promise<Map<string, string>> {
  const profiles = await db.userProfile.findMany({ where: { subject: { in: [...new Set(subjects)] } }, select: { subject: true, displayName: true } });
  return new Map(profiles.map((p) => [p.subject, p.displayName]));
}

export async function listDeployments(db: DbClient, tenantId: string, query: { limit: number; cursor?: string }): Promise<{ items: TDeployment[]; nextCursor: string | null }> {
  const rows = await db.deployment.findMany({
    where: { tenantId, ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, include,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const names = await namesOf(db, page.map((d) => d.createdBy));
  return { items: page.map((d) => toDeployment(d, names)), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function getDeployment(db: DbClient, tenantId: string, deploymentId: string): Promise<TDeploymentDetail> {
  const row = await db.deployment.findFirst({ where: { id: deploymentId, tenantId }, include });
  if (!row) throw notFoundInTenant('deployment', deploymentId);
  const targets = await db.deploymentTarget.findMany({ where: { deploymentId }, orderBy: [{ batch: 'asc' }, { nodeId: 'asc' }], include: { node: { select: { name: true } } } });
  const instanceIds = targets.flatMap((t) => (t.appInstanceId ? [t.appInstanceId] : []));
  const instances = new Map((await db.appInstance.findMany({ where: { id: { in: instanceIds } }, select: { id: true, state: true, terminationReason: true } })).map((i) => [i.id, i]));
  return {
    ...toDeployment(row, await namesOf(db, [row.createdBy])),
    targets: targets.map((t) => {
      const instance = t.appInstanceId ? instances.get(t.appInstanceId) : undefined;
      const state = ZInstanceState.safeParse(instance?.state);
      return {
        nodeId: t.nodeId, nodeName: t.node.name, batch: t.batch, status: t.status as (typeof TARGET_STATUSES)[number], appInstanceId: t.appInstanceId,
        instanceState: state.success ? state.data : null, instanceWithdrawn: instance?.terminationReason === 'deployment_failed', message: t.message,
      };
    }),
  };
}
