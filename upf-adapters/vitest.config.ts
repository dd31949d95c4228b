import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

// `*.integration.test.ts`: the nftables ones send real packets between network namespaces (they need
// root; CI runs as root); the nef and camara ones talk to emulators on loopback.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], ...testLimits },
});
