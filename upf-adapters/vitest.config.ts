import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

// `*.integration.test.ts` send real packets between network namespaces: they need root (CI runs as root).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], ...testLimits },
});
