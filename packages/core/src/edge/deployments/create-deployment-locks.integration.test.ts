/**
 * A deployment's creation and the agents' writes lock node rows in one order (by id) against a real
 * Postgres. Two nodes whose names sort the other way round from their ids: the targets are inserted
 * by name, and their foreign keys used to lock the nodes in that order while a heartbeat batch
 * locked them by id, so the two deadlocked (40P01) at 10,000 nodes in the scale benchmark. Here a
 * heartbeat-like transaction holds the first node, waits until the deployment is blocked behind it,
 * then takes the second: with one order nobody holds the second, and both commit.
 */
import { randomUUID } from 'node:crypto';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshOperator, newNode } from '../../testing/edge-fixtures';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { lockNodeRows } from '../channel/revision';
import { createDeployment } from './create-deployment';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

/** Resolves once another backend waits for a lock that `holderPid` holds (the deployment, blocked behind it). */
async function someoneWaitsFor(holderPid: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${holderPid}::int = ANY(pg_blocking_pids(pid))`;
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the deployment never waited for the held node row');
}

describe('createDeployment and agent writes', () => {
  it('take node rows in id order, so a heartbeat batch and a new deployment never deadlock', async () => {
    const op = await freshOperator(db);
    const tag = randomUUID().slice(0, 8);
    const one = await newNode(db, op, { name: `lock-a-${tag}` });
    const two = await newNode(db, op, { name: `lock-b-${tag}` });
    // By id `low` comes first; by name it comes last (the order targets are inserted in).
    const [low, high] = one.id < two.id ? [one, two] : [two, one];
    await db.edgeNode.update({ where: { id: low.id }, data: { name: `lock-z-${tag}` } });
    const dev = await freshDeveloper(db);
    const version = await newVersion(db, dev, (await newApp(db, dev)).id, { version: '1.0.0', publish: true });

    let deployment: Promise<string> | undefined;
    await db.$transaction(async (tx) => {
      const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      await lockNodeRows(tx, [low.id]);
      deployment = createDeployment(db, op, { appVersionId: version.id, kind: 'install', target: { kind: 'nodes', nodeIds: [low.id, high.id] }, batchSize: 2, stopOnFailure: false });
      await someoneWaitsFor(pid);
      await lockNodeRows(tx, [high.id]); // a deployment that took `high` first would deadlock here
    }, { timeout: 60_000 });

    const id = await deployment!;
    expect(await db.deploymentTarget.count({ where: { deploymentId: id } })).toBe(2);
  });
});
