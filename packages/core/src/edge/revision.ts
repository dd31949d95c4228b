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
