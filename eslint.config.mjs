// ESLint: typescript-eslint's recommended rules and React's hooks rules, over every source
// folder. `npm test` runs it (scripts/test.mjs); it must stay clean.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['.next/**', 'node_modules/**', 'public/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'dist/**', '.scratch/**', 'next-env.d.ts', 'lib/**/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,cjs,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The two rules of hooks. The plugin's React Compiler rules (set-state-in-effect, refs, purity…) are
    // left out: Sift does not build with the React Compiler, and they flag patterns it relies on on purpose
    // (a ref that always holds the latest handlers for a window key listener).
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The scanners look for control characters on purpose (nonprinting, encoding errors, visible text).
    files: ['lib/scoring/**', 'lib/text/**', 'lib/data/**', 'scripts/**', 'bench/real-junk/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
