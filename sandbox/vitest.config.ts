import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

// `*.integration.test.ts` in src/isolation and src/host build real network namespaces (they need
// root; CI runs as root) and fail, saying so, without it.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], ...testLimits },
});
