/**
 * `npm run db:seed`: upserts the demo realm (tenants, user profiles, a few audit events) into DATABASE_URL,
 * or (when unset) into the embedded Postgres under .data/pg, which it starts and stops again.
 * Run `npm run db:migrate` first.
 */
import { createPrismaClient } from '../client';
import { resolveDatabase } from '../embedded-postgres';
import { seed } from '../seed';

async function main(): Promise<void> {
  const db = await resolveDatabase({ log: (line) => console.log(`db: ${line}`) });
  const prisma = createPrismaClient(db.url, { maxConnections: 2 });
  try {
    const result = await seed(prisma);
    console.log(`db: seeded ${result.tenants} tenants, ${result.userProfiles} user profiles, ${result.auditEventsCreated} new audit events`);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2021') throw new Error('the tables do not exist yet: run `npm run db:migrate` first', { cause: error });
    throw error;
  } finally {
    await prisma.$disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
