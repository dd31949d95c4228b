/**
 * MECport's offline migration runner for Prisma's folder format (TOOLCHAIN.md §P: Prisma Migrate needs a
 * schema engine binary that cannot be downloaded here).
 *
 * - Reads `<migrationsDir>/<name>/migration.sql` in name order (Prisma's `<timestamp>_<name>` folders).
 * - Records applied migrations in Prisma's own `_prisma_migrations` table, with the same columns and the
 *   same checksum (sha256 hex of the file), so `prisma migrate deploy` / `migrate status` agree with it
 *   wherever the real engine is available.
 * - Holds `pg_advisory_lock(72707369)` (Prisma Migrate's key) on a dedicated connection for the whole run,
 *   so concurrent runs (ours or Prisma's) apply each migration once.
 * - Applies each pending migration and its `_prisma_migrations` row in ONE transaction: a failing migration
 *   leaves no trace. (Hence statements that cannot run in a transaction, such as CREATE INDEX CONCURRENTLY,
 *   are not supported; Prisma has the same limit on Postgres, where a script runs as one implicit transaction.)
 * - Refuses to continue when an applied migration's file changed, or when Prisma recorded a failed attempt.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { defaultMigrationsDir } from './paths';

/** The advisory lock key Prisma Migrate uses on PostgreSQL. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Exactly the table Prisma Migrate creates on PostgreSQL. */
export const PRISMA_MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** Folder name, e.g. `20261127071217_init`. */
  name: string;
  /** Absolute path of its migration.sql. */
  file: string;
  sql: string;
  /** sha256 hex of the file's bytes, as Prisma computes it. */
  checksum: string;
}

export interface MigrateOptions {
  /** Folder of migration folders; default `<repo>/prisma/migrations`. */
  migrationsDir?: string;
  /** How long to wait for another migrator's lock before giving up (default 60 s). */
  lockTimeoutMs?: number;
  /** Called once per migration, in order, whether it was applied now or before. */
  onMigration?: (event: MigrationEvent) => void;
}

export interface MigrationEvent {
  name: string;
  status: 'applied' | 'already-applied';
  /** Time spent applying it now (0 for already-applied ones). */
  durationMs: number;
}

/** sha256 hex of a migration file, as recorded in `_prisma_migrations.checksum`. */
export function migrationChecksum(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Whether a recorded checksum matches a file. Like Prisma, tolerates a checkout that only changed line
 * endings (CRLF vs LF, e.g. git autocrlf on Windows).
 */
export function checksumMatches(content: string | Buffer, recorded: string): boolean {
  if (migrationChecksum(content) === recorded) return true;
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const lf = text.replace(/\r\n/g, '\n');
  return migrationChecksum(lf) === recorded || migrationChecksum(lf.replace(/\n/g, '\r\n')) === recorded;
}

/** Lists the migrations of a folder in name order, with their SQL and checksums. */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) throw new Error(`Migrations folder ${migrationsDir} does not exist`);
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  if (existsSync(lockFile)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(await readFile(lockFile, 'utf8'))?.[1];
    if (provider && provider !== 'postgresql') {
      throw new Error(`${lockFile} says provider = "${provider}"; this runner only applies PostgreSQL migrations`);
    }
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
      const bytes = await readFile(file);
      return { name, file, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    }),
  );
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const pgError = error as Error & { code?: string; position?: string };
    return pgError.code ? `${pgError.message} (SQLSTATE ${pgError.code})` : error.message;
  }
  return String(error);
}

async function connect(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
  await client.connect();
  return client;
}

/**
 * Applies the pending migrations of `migrationsDir` to the database at `databaseUrl`.
 * @returns the names of the migrations applied by this call, in order (empty when up to date).
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const migrations = await readMigrations(migrationsDir);
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000;

  const lockConnection = await connect(databaseUrl, 'mecport-migrate-lock');
  let worker: pg.Client | undefined;
  try {
    await lockConnection.query(`SET lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
    try {
      await lockConnection.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new Error(`Timed out after ${lockTimeoutMs} ms waiting for the migration lock (pg_advisory_lock ${PRISMA_MIGRATE_LOCK_KEY}): another migrator is running`, { cause: error });
      }
      throw error;
    }

    worker = await connect(databaseUrl, 'mecport-migrate');
    await worker.query(PRISMA_MIGRATIONS_TABLE_SQL);
    const { rows } = await worker.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at, migration_name',
    );

    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations (finished_at and rolled_back_at are null). ` +
          'Fix the database by hand, then mark it with `prisma migrate resolve --rolled-back` or `--applied` (or update the row) before migrating again.' +
          (failed.logs ? `\nLogs: ${failed.logs}` : ''),
      );
    }
    const applied = new Map<string, MigrationRow>();
    for (const row of rows) if (row.finished_at !== null && row.rolled_back_at === null) applied.set(row.migration_name, row);

    // Refuse edited history before applying anything new.
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && row.checksum !== migration.checksum && !checksumMatches(migration.sql, row.checksum)) {
        throw new Error(
          `Migration ${migration.name} was modified after it was applied: its checksum is ${migration.checksum} but the database recorded ${row.checksum}. ` +
            'Never edit an applied migration; add a new one instead (or restore the file).',
        );
      }
    }

    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) {
        options.onMigration?.({ name: migration.name, status: 'already-applied', durationMs: 0 });
        continue;
      }
      const started = Date.now();
      try {
        await worker.query('BEGIN');
        const startedAt = (await worker.query<{ started_at: Date }>('SELECT clock_timestamp() AS started_at')).rows[0]?.started_at;
        await worker.query(migration.sql.replace(/^\uFEFF/, ''));
        await worker.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await worker.query('COMMIT');
      } catch (error) {
        await worker.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${describeError(error)}`, { cause: error });
      }
      appliedNow.push(migration.name);
      options.onMigration?.({ name: migration.name, status: 'applied', durationMs: Date.now() - started });
    }
    return appliedNow;
  } finally {
    await worker?.end().catch(() => undefined);
    await lockConnection.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
    await lockConnection.end().catch(() => undefined);
  }
}
