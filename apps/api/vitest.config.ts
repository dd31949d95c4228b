// Unit tests of the API server: `*.test.ts` beside the code, fast and without I/O.
import { defineConfig } from 'vitest/config';
import { testLimits } from '../../vitest.limits';

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node', ...testLimits },
});
