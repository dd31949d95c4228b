// The root scripts' own tests (today: the layer check's proof), run by `npm run test:layers`.
import { defineConfig } from 'vitest/config';
import { testLimits } from '../vitest.limits';

export default defineConfig({
  test: { root: import.meta.dirname, include: ['**/*.test.ts'], ...testLimits },
});
