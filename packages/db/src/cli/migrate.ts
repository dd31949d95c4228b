/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or (when unset) to the embedded
 * Postgres under .data/pg, which it starts and stops again.
 */
import { resolveDatabase } from '../embedded-postgres';
import { migrate } from '../migrate';

async function main(): Promise<void> {
  const db = await resolveDatabase({ log: (line) => console.log(`db: ${line}`) });
  try {
    const target = db.embedded ? `embedded Postgres on 127.0.0.1:${db.embedded.port}/${db.embedded.database}` : 'DATABASE_URL';
    console.log(`db: migrating ${target}`);
    const applied = await migrate(db.url, {
      onMigration: (m) => console.log(m.status === 'applied' ? `applied  ${m.name} (${m.durationMs} ms)` : `up to date  ${m.name}`),
    });
    console.log(applied.length ? `db: ${applied.length} migration(s) applied` : 'db: nothing to apply');
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
