/**
 * The store_listing migration backfills what a database migrated before it already holds: the
 * listing of every app and the lower-cased search haystacks.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient } from '@mecport/db';
import { migrate } from '@mecport/db/migrate';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@mecport/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MIGRATION = '20261127110000_store_listing';
const migrationsDir = path.resolve(import.meta.dirname, '../../../../../prisma/migrations');

let database: ThrowawayDatabase;
let earlier: string;
beforeAll(async () => {
  database = await createThrowawayDatabase({ migrate: false });
  earlier = mkdtempSync(path.join(tmpdir(), 'mecport-migrations-'));
  for (const entry of readdirSync(migrationsDir)) if (entry < MIGRATION) cpSync(path.join(migrationsDir, entry), path.join(earlier, entry), { recursive: true });
});
afterAll(async () => {
  rmSync(earlier, { recursive: true, force: true });
  await database?.drop();
});

describe(`migration ${MIGRATION}`, () => {
  it('backfills the listing of existing apps and lower-cases their haystacks', async () => {
    await migrate(database.url, { migrationsDir: earlier });
    const db = createPrismaClient(database.url);
    try {
      await db.$executeRawUnsafe(`
        INSERT INTO "tenant" ("id", "slug", "name") VALUES ('00000000-0000-4000-8000-000000000001', 'backfill', 'Backfill');
        INSERT INTO "package_blob" ("digest", "size") VALUES (repeat('a', 64), 1);
        INSERT INTO "app" ("id", "tenant_id", "slug", "name", "name_zh", "provider", "category", "tags", "description_en", "created_by", "updated_at") VALUES
          ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', 'listed', 'Video HUB', '视频中心', 'Acme', 'other', '{Camera}', 'Counts PEOPLE', 'dev', now()),
          ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', 'hidden', 'Hidden', NULL, 'Acme', 'other', '{}', '', 'dev', now());
        INSERT INTO "app_version" ("id", "app_id", "version", "package_digest", "package_size", "appd", "appd_id", "architecture", "status", "certified_at", "published_at") VALUES
          ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000a', '1.0.0', repeat('a', 64), 1, '{}', 'a1', 'x86_64', 'published', now(), now() - interval '1 day'),
          ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-00000000000a', '1.1.0', repeat('a', 64), 1, '{}', 'a2', 'aarch64', 'published', NULL, now()),
          ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-00000000000a', '2.0.0', repeat('a', 64), 1, '{}', 'a3', 'riscv64', 'validated', NULL, NULL),
          ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-00000000000b', '1.0.0', repeat('a', 64), 1, '{}', 'b1', 'x86_64', 'deprecated', NULL, now());`);
      expect(await migrate(database.url)).toEqual([...readdirSync(migrationsDir)].filter((m) => m >= MIGRATION && !m.endsWith('.toml')).sort());

      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`
        SELECT "slug", "latest_version", "latest_architecture", "latest_certified", "published_architectures", "certified", "search_text", "search_name", "search_keywords", "rating_average"
        FROM "app" ORDER BY "slug"`);
      expect(rows).toEqual([
        { slug: 'hidden', latest_version: null, latest_architecture: null, latest_certified: false, published_architectures: [], certified: false,
          search_text: 'hidden acme   ', search_name: 'hidden', search_keywords: 'hidden acme ', rating_average: 0 }, // concat_ws keeps empty strings
        { slug: 'listed', latest_version: '1.1.0', latest_architecture: 'aarch64', latest_certified: false, published_architectures: ['aarch64', 'x86_64'], certified: true,
          search_text: 'video hub 视频中心 acme camera counts people ', search_name: 'video hub 视频中心', search_keywords: 'video hub 视频中心 acme camera', rating_average: 0 },
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});
