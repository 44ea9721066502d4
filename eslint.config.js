import tseslint from 'typescript-eslint';
import { resultsMustBeUsed } from './eslint/results-must-be-used.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'logs/', 'instance/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', '.dependency-cruiser.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A ResultAsync is a thenable: left unawaited, its failure is never read.
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A neverthrow Result is an object, so one used as a condition (`(await hasher.verify(...)) ? a : b`)
      // is always true and the error is silently taken for success. With every other allowance on,
      // this rule reports only that: an object (or a union that may be one) where a boolean is read.
      '@typescript-eslint/strict-boolean-expressions': ['error', {
        allowString: true, allowNumber: true, allowAny: true, allowNullableObject: true, allowNullableBoolean: true,
        allowNullableString: true, allowNullableNumber: true, allowNullableEnum: true,
      }],
    },
  },
  // The project's own rules work on the TypeScript compiler's untyped objects.
  { files: ['eslint/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Production code only: a test may set the scene with a call whose outcome it does not assert.
    files: ['domain/**/*.ts', 'adapters/**/*.ts', 'src/**/*.ts'],
    plugins: { neverthrow: { rules: { 'results-must-be-used': resultsMustBeUsed } } },
    rules: { 'neverthrow/results-must-be-used': 'error' },
  },
);
