import { defineConfig } from 'vitest/config';
import { testLimits } from '../../vitest.limits';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One migrated throwaway database per run (DATABASE_URL / inject('mecportDatabaseUrl')); the
    // same module other workspaces use as '@mecport/db/testing/global-setup'.
    globalSetup: ['./src/testing/vitest-global-setup.ts'],
    ...testLimits,
  },
});
