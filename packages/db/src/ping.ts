/**
 * Is the database there? One `SELECT 1` and how long it took, for health checks. Never throws:
 * a failed ping is an answer ("down"), not an error. Every call asks the database (nothing is cached).
 * A client of createPrismaClient() is pinged through its own pg pool, the connections its queries
 * use, without Prisma's query pipeline around it (a fraction of `$queryRaw`'s CPU); anything else
 * (a transaction, a closed client) through `$queryRaw`.
 *
 * @example
 *   const check = await pingDatabase(getPrisma());  // { status: 'up', latencyMs: 2 }
 */
import { openPoolOf, type DbExecutor } from './client';

export type TDatabasePing = { status: 'up'; latencyMs: number } | { status: 'down'; detail: string };

export async function pingDatabase(db: Pick<DbExecutor, '$queryRaw'>): Promise<TDatabasePing> {
  const started = performance.now();
  try {
    const pool = openPoolOf(db);
    if (pool) await pool.query('SELECT 1');
    else await db.$queryRaw`SELECT 1`;
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: 'down', detail: 'the database did not answer' };
  }
}
