import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The architecture's import boundary (docs/architecture.md, "Layers"): the harness side
 * (harness/, steps/, bench/, topologies/) knows an engine only through the contract
 * (contract/, which holds the resolver plug-in API too); the engine knows nothing of the
 * harness side; the contract depends on neither. harness/lint/import-boundary.test.ts
 * plants violations and shows this catches them.
 */
const relativeInto = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const boundary = (folders, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: relativeInto(folders), message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/**', 'reports/**', 'runs/**', '.wanlab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['harness/**/*.ts', 'steps/**/*.ts', 'bench/**/*.ts', 'topologies/**/*.ts'],
    rules: boundary(
      ['engine'],
      'the harness side knows an engine only through contract/ (the control API, the site plan, the resolver API)',
    ),
  },
  {
    files: ['engine/**/*.ts'],
    rules: boundary(
      ['harness', 'steps', 'bench', 'topologies'],
      'the engine knows nothing of the harness: share what both need through contract/',
    ),
  },
  {
    files: ['contract/**/*.ts'],
    rules: boundary(
      ['engine', 'harness', 'steps', 'bench', 'topologies'],
      'the contract depends on neither the engine nor the harness',
    ),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
