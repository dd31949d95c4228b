// Unit tests of the portal: `*.test.ts(x)` files beside the code under src/, fast and without I/O.
// (`*.integration.test.ts` files match too; they get their database setup when they arrive.)
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testLimits } from '../../vitest.limits';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    ...testLimits,
  },
});
