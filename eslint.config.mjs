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
  {
    // Type-aware rules for what bites in async TypeScript: a promise nobody awaits loses its
    // error (an unhandled rejection ends the process), and a promise handed to a slot that
    // expects a plain value (an event listener, a condition) runs unobserved. Fire-and-forget on
    // purpose is written `void promise` with a comment saying why. The project service finds each
    // file's nearest tsconfig.json, so every workspace's `eslint src` type-checks with its own.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['**/env.ts', '**/*.test.ts', '**/*.config.ts', '**/*.config.mjs', 'e2e/**', 'scripts/**', 'bench/**', '**/cli/**', '**/testing/**'], rules: { 'no-restricted-properties': 'off' } },
);
