import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

// `*.integration.test.ts` start real HTTP servers on loopback (the emulated services' subscribers).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], ...testLimits },
});
