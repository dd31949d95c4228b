// One lint setup for every workspace: typescript-eslint's recommended rules plus the house rules.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', '**/src/generated/**', '**/test-results/**', '**/playwright-report/**', '**/next-env.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the env.ts of the deployable (validated once with zod).' }],
    },
  },
  { files: ['**/env.ts', '**/*.test.ts', '**/*.config.ts', '**/*.config.mjs', 'e2e/**', 'scripts/**', 'bench/**', '**/cli/**', '**/testing/**'], rules: { 'no-restricted-properties': 'off' } },
);
