/**
 * Throwaway databases for integration tests: a fresh, migrated `mecport_test_<random>` database per call.
 *
 * Server: TEST_DATABASE_URL, else DATABASE_URL (the database in the URL is only used to connect; the role
 * needs CREATEDB), else the embedded Postgres under `<repo>/.data/test-pg` on TEST_PG_PORT (default 54339),
 * whose cluster is reused between runs and shared safely by concurrent processes (see embedded-postgres.ts).
 *
 * Most suites want one database per vitest run: use `@mecport/db/testing/global-setup` (vitest-global-setup.ts).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres';
import { migrate } from '../migrate';
import { findRepoRoot } from '../paths';

export interface ThrowawayDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Its name, `mecport_test_<random>`. */
  name: string;
  /** Terminates its connections, drops it, and releases the embedded server (if one was started for it). Idempotent. */
  drop(): Promise<void>;
}

export interface ThrowawayDatabaseOptions {
  /** Apply the migrations (default true). */
  migrate?: boolean;
  /** Migrations folder (default `<repo>/prisma/migrations`). */
  migrationsDir?: string;
  /** Progress lines of the embedded server; silent by default. */
  log?: (line: string) => void;
}

function blank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The embedded test server: `<repo>/.data/test-pg`, TEST_PG_PORT (default 54339), fast unsafe writes. */
export function startTestPostgres(log?: (line: string) => void): Promise<EmbeddedPostgres> {
  const port = Number.parseInt(blank(process.env.TEST_PG_PORT) ?? '54339', 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`TEST_PG_PORT must be a port number, not ${process.env.TEST_PG_PORT}`);
  return startEmbeddedPostgres({ dataDir: path.join(findRepoRoot(), '.data', 'test-pg'), port, database: 'postgres', unsafeFastWrites: true, log });
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createThrowawayDatabase(options: ThrowawayDatabaseOptions = {}): Promise<ThrowawayDatabase> {
  const serverUrl = blank(process.env.TEST_DATABASE_URL) ?? blank(process.env.DATABASE_URL);
  const embedded = serverUrl ? undefined : await startTestPostgres(options.log);
  const adminUrl = serverUrl ?? (embedded as EmbeddedPostgres).adminUrl;
  const name = `mecport_test_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(adminUrl, name);

  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    try {
      await dropDatabase(adminUrl, name);
    } finally {
      await embedded?.stop();
    }
  };

  try {
    await ensureDatabase(adminUrl, name);
    if (options.migrate !== false) await migrate(url, { migrationsDir: options.migrationsDir });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { url, name, drop };
}
