/**
 * Vitest globalSetup: one migrated throwaway database per test run (see throwaway-database.ts for where
 * the server comes from), dropped at teardown; an embedded server started for it is released too.
 *
 * Hook it into a workspace's vitest.config.ts (packages/core, apps/portal, ...):
 *
 *   import { defineConfig } from 'vitest/config';
 *   export default defineConfig({
 *     test: {
 *       globalSetup: ['@mecport/db/testing/global-setup'],
 *       testTimeout: 30_000,
 *       hookTimeout: 60_000,
 *     },
 *   });
 *
 * (the workspace must depend on "@mecport/db"). Tests then get the database in either way:
 * - `process.env.DATABASE_URL` is set to it before the test workers start, so `getPrisma()` just works;
 * - `inject('mecportDatabaseUrl')` from 'vitest' returns the same URL (typed by the declaration below;
 *   add `import type {} from '@mecport/db/testing/global-setup';` once, e.g. in a setup or test file,
 *   if your tsconfig does not otherwise see this file).
 * Every test file shares the database, so give rows unique keys (random slugs/subjects) rather than
 * expecting empty tables, or create an own database with `createThrowawayDatabase()` in a beforeAll.
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { createThrowawayDatabase } from './throwaway-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's migrated throwaway database. */
    mecportDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createThrowawayDatabase();
  process.env.DATABASE_URL = database.url;
  project.provide('mecportDatabaseUrl', database.url);
  return async () => {
    await database.drop();
  };
}
