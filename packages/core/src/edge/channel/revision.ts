/**
 * Every change to what a node should run bumps its desired revision in the same transaction, and
 * NOTIFYs the channel so that watchers on every portal replica wake (delivered at commit).
 */
import type { DbTransaction } from '@mecport/db';

export const DESIRED_CHANNEL = 'mecport_edge_desired';

export async function bumpDesiredRevision(tx: DbTransaction, nodeId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ desired_revision: number }[]>`
    UPDATE edge_node SET desired_revision = desired_revision + 1, updated_at = now() WHERE id = ${nodeId}::uuid RETURNING desired_revision`;
  if (!row) throw new Error(`bumpDesiredRevision: no node ${nodeId}`);
  await tx.$executeRaw`SELECT pg_notify(${DESIRED_CHANNEL}, ${`${nodeId}:${row.desired_revision}`})`;
  return row.desired_revision;
}

/**
 * Locks the nodes' rows in id order: writers that touch many nodes (batches of reports and
 * heartbeats, a deployment starting a batch, other replicas) overlap, and rows updated in whatever
 * order a join yields deadlock them (Postgres then waits deadlock_timeout, 1 s, before it aborts
 * one). Every edge writer takes a node's row before its app instances' rows.
 */
export async function lockNodeRows(tx: DbTransaction, nodeIds: string[]): Promise<void> {
  await tx.$queryRaw`
    SELECT id FROM edge_node WHERE id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(nodeIds)}::json)) ORDER BY id FOR UPDATE`;
}

/** bumpDesiredRevision for many nodes in three statements; the new revision of each. */
export async function bumpDesiredRevisions(tx: DbTransaction, nodeIds: string[]): Promise<Map<string, number>> {
  await lockNodeRows(tx, nodeIds);
  const rows = await tx.$queryRaw<{ id: string; desired_revision: number }[]>`
    UPDATE edge_node SET desired_revision = desired_revision + 1, updated_at = now()
    WHERE id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(nodeIds)}::json)) RETURNING id, desired_revision`;
  const payloads = rows.map((r) => `${r.id}:${r.desired_revision}`);
  await tx.$executeRaw`SELECT pg_notify(${DESIRED_CHANNEL}, value) FROM json_array_elements_text(${JSON.stringify(payloads)}::json)`;
  return new Map(rows.map((r) => [r.id, r.desired_revision]));
}
