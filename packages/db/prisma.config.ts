/**
 * Prisma CLI configuration for `@mecport/db` (Prisma 7: the URL lives here, not in the schema).
 *
 * `npm run generate` (src/cli/generate.ts) uses it offline. `datasource.url` is only needed by
 * `prisma migrate deploy` / `prisma studio`, which need Prisma's downloaded schema engine and so only
 * work where that download is possible; our own runner (src/migrate.ts) applies the same folder offline.
 */
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations', seed: 'tsx src/cli/seed.ts' },
  ...(url ? { datasource: { url } } : {}),
});
