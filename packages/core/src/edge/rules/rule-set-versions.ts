/**
 * A node's rule-set versions: every rule change makes one per node it changed, holding the rules
 * of every instance on the node as the change left them. Version 0 is not stored: it is each
 * instance's AppD rules (what a node has before any change), and restoring it sends every
 * instance back to them.
 */
import { AppError, notFoundInTenant, ZRuleSetVersion, type TPageQuery, type TRuleSetVersion, type TRuleSetVersionSummary } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import type { TInstanceRuleSet } from './dry-run';
import { loadNodeRuleSets, type TLoadedNode } from './node-rule-sets';

export async function tenantNode(db: DbExecutor, tenantId: string, nodeId: string): Promise<TLoadedNode> {
  const node = (await loadNodeRuleSets(db, [nodeId], tenantId)).get(nodeId);
  if (!node) throw notFoundInTenant('edge-node', nodeId);
  return node;
}

function versionNotFound(nodeId: string, version: number): AppError {
  return new AppError('not-found', `Node ${nodeId} has no rule-set version ${version}`, { extensions: { resourceId: `${nodeId}/${version}` } });
}

/** Version 0: the AppD rules of the instances on the node now. */
export function appdVersionOf(node: TLoadedNode): TRuleSetVersion {
  return {
    nodeId: node.nodeId, version: 0, changeId: null, createdBy: 'appd', createdAt: node.createdAt.toISOString(),
    instances: node.instances.map((i) => ({ appInstanceId: i.appInstanceId, appName: i.appName, ...i.appd })),
  };
}

/** The stored instances of `version` on a node already checked to be the tenant's (version 0: the AppDs'). */
export async function versionInstances(db: DbExecutor, node: TLoadedNode, version: number): Promise<TInstanceRuleSet[]> {
  if (version === 0) return appdVersionOf(node).instances;
  const row = await db.ruleSetVersion.findUnique({ where: { nodeId_version: { nodeId: node.nodeId, version } }, select: { instances: true } });
  if (!row) throw versionNotFound(node.nodeId, version);
  return row.instances as unknown as TInstanceRuleSet[];
}

export async function getRuleSetVersion(db: DbExecutor, tenantId: string, nodeId: string, version: number): Promise<TRuleSetVersion> {
  const node = await tenantNode(db, tenantId, nodeId);
  if (version === 0) return appdVersionOf(node);
  const row = await db.ruleSetVersion.findUnique({ where: { nodeId_version: { nodeId, version } } });
  if (!row) throw versionNotFound(nodeId, version);
  return ZRuleSetVersion.parse({ ...row, createdAt: row.createdAt.toISOString() });
}

function decodeVersionCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(n) || n < 1) throw new AppError('validation', 'query.cursor: not a cursor this API issued', { errors: [{ in: 'query', field: 'cursor', message: 'not a cursor this API issued' }] });
  return n;
}

/** Newest first, by version (the cursor is the last version seen); version 0 (the AppDs') ends the list. */
export async function listRuleSetVersions(db: DbExecutor, tenantId: string, nodeId: string, query: TPageQuery): Promise<{ items: TRuleSetVersionSummary[]; nextCursor: string | null }> {
  const node = await tenantNode(db, tenantId, nodeId);
  const before = decodeVersionCursor(query.cursor);
  const rows = await db.ruleSetVersion.findMany({
    where: { nodeId, ...(before !== undefined ? { version: { lt: before } } : {}) }, orderBy: { version: 'desc' }, take: query.limit + 1,
  });
  const summary = (v: TRuleSetVersion): TRuleSetVersionSummary => ({
    nodeId: v.nodeId, version: v.version, changeId: v.changeId, createdBy: v.createdBy, createdAt: v.createdAt,
    instanceCount: v.instances.length, ruleCount: v.instances.reduce((n, i) => n + i.trafficRules.length + i.dnsRules.length, 0),
  });
  const items = rows.slice(0, query.limit).map((r) => summary({ ...r, createdAt: r.createdAt.toISOString(), instances: r.instances as unknown as TInstanceRuleSet[] }));
  if (rows.length <= query.limit) return { items: [...items, summary(appdVersionOf(node))], nextCursor: null };
  return { items, nextCursor: Buffer.from(String(items[items.length - 1]!.version)).toString('base64url') };
}
