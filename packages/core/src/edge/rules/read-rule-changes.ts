/** Rule changes as operators read them: one with its rollout per node and diff, or a page of summaries, newest first. */
import { AppError, ZRuleChange, type TPageQuery, type TRuleChange, type TRuleChangeSummary } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';

type TStatus = TRuleChange['status'];
type TCounts = TRuleChange['counts'];

/** Pending anywhere: rolling out; else failed everywhere it was not superseded, failed somewhere, or applied. */
export function changeStatus(c: TCounts): TStatus {
  if (c.pending > 0) return 'rolling_out';
  if (c.failed > 0) return c.applied === 0 ? 'failed' : 'partially_failed';
  return 'applied';
}

function countsOf(statuses: string[]): TCounts {
  const counts: TCounts = { pending: 0, applied: 0, failed: 0, superseded: 0 };
  for (const s of statuses) if (s in counts) counts[s as keyof TCounts] += 1;
  return counts;
}

interface TChangeRow { id: string; kind: string; note: string; createdBy: string; createdByName: string | null; createdAt: Date; rollbackOf: string | null }

function headOf(row: TChangeRow, counts: TCounts) {
  return {
    id: row.id, kind: row.kind as TRuleChange['kind'], note: row.note, status: changeStatus(counts), counts,
    createdBy: row.createdBy, createdByName: row.createdByName, createdAt: row.createdAt.toISOString(), rollbackOf: row.rollbackOf,
  };
}

export function ruleChangeNotFound(changeId: string): AppError {
  return new AppError('not-found', `No rule change ${changeId} in your tenant`, { extensions: { resourceId: changeId } });
}

export async function getRuleChange(db: DbExecutor, tenantId: string, changeId: string): Promise<TRuleChange> {
  const row = await db.ruleChange.findFirst({
    where: { id: changeId, tenantId },
    include: { nodes: { include: { node: { select: { name: true } } }, orderBy: [{ node: { name: 'asc' } }, { nodeId: 'asc' }] } },
  });
  if (!row) throw ruleChangeNotFound(changeId);
  const counts = countsOf(row.nodes.map((n) => n.status));
  return ZRuleChange.parse({
    ...headOf(row, counts),
    nodes: row.nodes.map((n) => ({ nodeId: n.nodeId, nodeName: n.node.name, version: n.version, revision: n.revision, status: n.status, reason: n.reason })),
    diff: row.diff,
  });
}

export async function listRuleChanges(db: DbExecutor, tenantId: string, query: TPageQuery): Promise<{ items: TRuleChangeSummary[]; nextCursor: string | null }> {
  const rows = await db.ruleChange.findMany({
    where: { tenantId, ...afterCursor(query.cursor) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1,
    select: { id: true, kind: true, note: true, createdBy: true, createdByName: true, createdAt: true, rollbackOf: true, nodes: { select: { status: true } } },
  });
  const page = rows.slice(0, query.limit);
  // The diffs' lengths, not the diffs (a change to 1,000 nodes carries a long one).
  const lengths = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT id, jsonb_array_length(diff) AS n FROM rule_change WHERE id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(page.map((r) => r.id))}::json))`;
  const changeCount = new Map(lengths.map((l) => [l.id, Number(l.n)]));
  return {
    items: page.map((r) => ({ ...headOf(r, countsOf(r.nodes.map((n) => n.status))), nodeCount: r.nodes.length, changeCount: changeCount.get(r.id) ?? 0 })),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
