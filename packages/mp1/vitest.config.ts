import { defineConfig } from 'vitest/config';
import { testLimits } from '../../vitest.limits';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Every response an integration test receives is checked against the ETSI schemas after its file.
    setupFiles: ['src/testing/conformance-setup.ts'],
    ...testLimits,
  },
});
