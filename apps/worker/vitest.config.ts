import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], globalSetup: ['@mecport/db/testing/global-setup'], testTimeout: 30_000, hookTimeout: 60_000 },
});
