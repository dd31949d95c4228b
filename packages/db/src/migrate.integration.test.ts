import { cp, mkdtemp, mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PRISMA_MIGRATE_LOCK_KEY, migrate, migrationChecksum, readMigrations } from './migrate';
import { defaultMigrationsDir } from './paths';
import { createThrowawayDatabase, type ThrowawayDatabase } from './testing/throwaway-database';

const databases: ThrowawayDatabase[] = [];
const temps: string[] = [];

async function emptyDatabase(): Promise<ThrowawayDatabase> {
  const db = await createThrowawayDatabase({ migrate: false });
  databases.push(db);
  return db;
}

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mecport-migrations-'));
  temps.push(dir);
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tableExists = async (url: string, table: string) =>
  (await query<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [`public.${table}`]))[0]?.t !== null;

afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

describe('migrate() on the repository migrations', () => {
  it('applies everything to an empty database, then nothing on a second run', async () => {
    const db = await emptyDatabase();
    const all = (await readMigrations()).map((m) => m.name);
    expect(await migrate(db.url)).toEqual(all);
    expect(await migrate(db.url)).toEqual([]);
    for (const table of ['tenant', 'user_profile', 'audit_event', '_prisma_migrations']) expect(await tableExists(db.url, table)).toBe(true);
    const extensions = await query<{ extname: string }>(db.url, "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
    expect(extensions).toHaveLength(1);
  });

  it('records each migration in _prisma_migrations like Prisma, with the sha256 of the file', async () => {
    const db = await emptyDatabase();
    await migrate(db.url);
    const rows = await query<{ id: string; checksum: string; migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number; logs: string | null }>(
      db.url,
      'SELECT * FROM _prisma_migrations ORDER BY migration_name',
    );
    const files = await readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.started_at.getTime()).toBeLessThanOrEqual((row.finished_at as Date).getTime());
    }
    // The table has exactly Prisma's columns and types.
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
      db.url,
      "SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable, c.character_maximum_length])).toEqual([
      ['id', 'character varying', 'NO', 36],
      ['checksum', 'character varying', 'NO', 64],
      ['finished_at', 'timestamp with time zone', 'YES', null],
      ['migration_name', 'character varying', 'NO', 255],
      ['logs', 'text', 'YES', null],
      ['rolled_back_at', 'timestamp with time zone', 'YES', null],
      ['started_at', 'timestamp with time zone', 'NO', null],
      ['applied_steps_count', 'integer', 'NO', null],
    ]);
  });
});

describe('migrate() safety', () => {
  it('refuses an applied migration whose file changed, naming it', async () => {
    const db = await emptyDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mecport-migrations-'));
    temps.push(dir);
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await migrate(db.url, { migrationsDir: dir });
    await appendFile(first!.file, '\n-- edited after the fact\n');
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`Migration ${first!.name} was modified after it was applied`));
  });

  it('refuses to run past a migration Prisma recorded as failed', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({ '20260101000000_one': 'CREATE TABLE "one" ("id" INT);' });
    await migrate(db.url, { migrationsDir: dir });
    await query(db.url, "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000001', $1, '20260102000000_broken')", [
      migrationChecksum('x'),
    ]);
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(/Migration 20260102000000_broken is recorded as failed/);
  });

  it('leaves no trace of a failing migration and names it', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({
      '20260101000000_ok': 'CREATE TABLE "ok_table" ("id" INT);',
      '20260102000000_bad': 'CREATE TABLE "half_table" ("id" INT);\nINSERT INTO "half_table" VALUES (1);\nSELECT 1 / 0;',
    });
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(/Migration 20260102000000_bad failed and was rolled back: division by zero/);
    expect(await tableExists(db.url, 'ok_table')).toBe(true);
    expect(await tableExists(db.url, 'half_table')).toBe(false);
    const names = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM _prisma_migrations');
    expect(names.map((n) => n.migration_name)).toEqual(['20260101000000_ok']);
  });

  it('applies each migration exactly once when two runs race on a fresh database', async () => {
    const db = await emptyDatabase();
    // pg_sleep widens the window in which an unlocked second runner would apply the same migration again.
    const dir = await tempMigrations({
      '20260101000000_a': 'CREATE TABLE "a" ("id" INT);\nSELECT pg_sleep(0.3);',
      '20260102000000_b': 'CREATE TABLE "b" ("id" INT);\nSELECT pg_sleep(0.3);',
    });
    const [one, two] = await Promise.all([migrate(db.url, { migrationsDir: dir }), migrate(db.url, { migrationsDir: dir })]);
    expect([...one!, ...two!].sort()).toEqual(['20260101000000_a', '20260102000000_b']);
    const counts = await query<{ migration_name: string; n: number }>(db.url, 'SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1');
    expect(counts).toEqual([
      { migration_name: '20260101000000_a', n: 1 },
      { migration_name: '20260102000000_b', n: 1 },
    ]);
  });

  it("waits for Prisma's advisory lock and gives up after lockTimeoutMs", async () => {
    const db = await emptyDatabase();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      await expect(migrate(db.url, { lockTimeoutMs: 300 })).rejects.toThrow(/Timed out after 300 ms waiting for the migration lock/);
      expect(await tableExists(db.url, 'tenant')).toBe(false);
      await holder.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      expect((await migrate(db.url, { lockTimeoutMs: 300 })).length).toBeGreaterThan(0);
    } finally {
      await holder.end();
    }
  });
});
