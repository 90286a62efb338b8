import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'migrations/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain never reaches for Slack or webhook code: they are adapters at the edge.
    files: ['src/history/**', 'src/nudges/**', 'src/gestures/**', 'src/digest/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/slack/**', '**/ingest/**', '@slack/*'], message: 'The domain must not import Slack or webhook code.' }] },
      ],
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.arrayContaining) are typed `any` by design.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
