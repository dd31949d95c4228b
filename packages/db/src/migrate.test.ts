import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumMatches, migrationChecksum, readMigrations } from './migrate';
import { defaultMigrationsDir, findRepoRoot } from './paths';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mecport-migrations-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('readMigrations', () => {
  it('lists migration folders in name order with sha256 checksums and ignores files', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    for (const name of ['20260102000000_second', '20260101000000_first', '20261231000000_third']) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), `-- ${name}\nSELECT 1;\n`);
    }
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(['20260101000000_first', '20260102000000_second', '20261231000000_third']);
    const first = migrations[0];
    expect(first?.checksum).toBe(createHash('sha256').update('-- 20260101000000_first\nSELECT 1;\n').digest('hex'));
    expect(first?.sql).toContain('SELECT 1');
  });

  it('refuses a folder without migration.sql and a non-postgres lock file', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, '20260101000000_empty'));
    await expect(readMigrations(dir)).rejects.toThrow(/20260101000000_empty has no migration\.sql/);
    const other = await tempDir();
    await writeFile(path.join(other, 'migration_lock.toml'), 'provider = "sqlite"\n');
    await expect(readMigrations(other)).rejects.toThrow(/only applies PostgreSQL/);
    await expect(readMigrations(path.join(other, 'missing'))).rejects.toThrow(/does not exist/);
  });

  it('reads the repository migrations, starting with init and pg_trgm', async () => {
    expect(defaultMigrationsDir()).toBe(path.join(findRepoRoot(), 'prisma', 'migrations'));
    const migrations = await readMigrations();
    expect(migrations[0]?.name).toMatch(/^\d{14}_init$/);
    expect(migrations[0]?.sql).toContain('CREATE EXTENSION IF NOT EXISTS "pg_trgm"');
    const lock = await readFile(path.join(defaultMigrationsDir(), 'migration_lock.toml'), 'utf8');
    expect(lock).toMatch(/^provider = "postgresql"$/m);
  });
});

describe('checksums', () => {
  it('is sha256 hex and tolerates CRLF/LF-only differences, like Prisma', () => {
    const lf = 'CREATE TABLE "a" ("id" INT);\nSELECT 1;\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(migrationChecksum(lf)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumMatches(Buffer.from(lf), migrationChecksum(lf))).toBe(true);
    expect(checksumMatches(Buffer.from(crlf), migrationChecksum(lf))).toBe(true);
    expect(checksumMatches(Buffer.from(lf), migrationChecksum(crlf))).toBe(true);
    expect(checksumMatches(Buffer.from(`${lf}-- edited\n`), migrationChecksum(lf))).toBe(false);
  });
});
