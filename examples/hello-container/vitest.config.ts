import { defineConfig } from 'vitest/config';
import { testLimits } from '../../vitest.limits';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    ...testLimits,
  },
});
