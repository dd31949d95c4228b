/**
 * Is the database there? One `SELECT 1` and how long it took, for health checks. Never throws:
 * a failed ping is an answer ("down"), not an error.
 *
 * @example
 *   const check = await pingDatabase(getPrisma());  // { status: 'up', latencyMs: 2 }
 */
import type { DbExecutor } from './client';

export type TDatabasePing = { status: 'up'; latencyMs: number } | { status: 'down'; detail: string };

export async function pingDatabase(db: Pick<DbExecutor, '$queryRaw'>): Promise<TDatabasePing> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: 'down', detail: 'the database did not answer' };
  }
}
