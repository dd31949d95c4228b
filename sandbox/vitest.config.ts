import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

// `*.integration.test.ts` in src/isolation and src/host build real network namespaces (they need
// root; CI runs as root) and fail, saying so, without it.
// `*.integration.test.ts` start real HTTP servers on loopback (the emulated services' subscribers).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], ...testLimits },
});
