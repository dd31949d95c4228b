/** A Prisma client of the running bench stack's database, for benchmarks that seed straight into it. */
import path from 'node:path';
import { createPrismaClient, type DbClient } from '@mecport/db';
import { startEmbeddedPostgres } from '@mecport/db/embedded';
import { BENCH } from './stack';

const root = path.resolve(import.meta.dirname, '..');

export async function withBenchDb<T>(work: (db: DbClient, url: string) => Promise<T>): Promise<T> {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, BENCH.dataDir, 'pg'), port: BENCH.pgPort });
  const db = createPrismaClient(pg.url);
  try {
    return await work(db, pg.url);
  } finally {
    await db.$disconnect();
    await pg.stop();
  }
}
