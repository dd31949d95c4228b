import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Every response an integration test receives is checked against the ETSI schemas after its file.
    setupFiles: ['src/testing/conformance-setup.ts'],
    testTimeout: 30_000,
  },
});
