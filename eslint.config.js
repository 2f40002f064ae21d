// Types-aware lint (typescript-eslint, flat config). Moderate on purpose: the
// recommended type-checked rules, minus those the codebase decides otherwise
// about (each switched off below says why). Boundaries between libraries are
// dependency-cruiser's job (.dependency-cruiser.cjs); formatting is prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'URL',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'AbortController',
    'fetch',
    'performance',
    'module',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The dashboard's specs are outside both tsconfigs (Vite does not build them; Jest runs them).
        projectService: { allowDefaultProject: ['apps/dashboard/src/components/*.spec.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except the `_`-prefixed ones kept on purpose (a field destructured away, an ignored parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      // pg rows, jsonb and parsed JSON arrive as `any` at the edges; these would flag every row mapping. `no-explicit-any` stays on.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // 631 non-null assertions on indexed access (the tsconfig has no noUncheckedIndexedAccess): switch on
      // together with that option, with --fix, after the integrator's one formatting pass (a tree-wide diff now would collide with every branch).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Nest handlers and BullMQ processors are async by contract even when a body does not await.
      '@typescript-eslint/require-await': 'off',
      // Library objects whose properties are plain functions (wink-nlp's `its`, React Query's refetch) read as unbound methods.
      '@typescript-eslint/unbound-method': 'off',
      // `String(unknown)` for a message or a CSV cell is deliberate.
      '@typescript-eslint/no-base-to-string': 'off',
      // Sanitisers match control characters on purpose (field bounds, storable text, dictionaries).
      'no-control-regex': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowNever: true },
      ],
      // A promise handed to a callback slot (an event listener, a Nest hook) is fine; floating ones are not (no-floating-promises).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Passing on a caught error (of type unknown) is forwarding, not inventing a non-Error reason.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
    },
  },
  {
    // Tests: Jest's mocks, generators standing in for streams, and `any` payloads of HTTP answers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      // A fixture destructured whole with a part unused is common in set-ups: shown, not failing.
      '@typescript-eslint/no-unused-vars': 'warn',
      '@typescript-eslint/restrict-template-expressions': 'off',
      'require-yield': 'off',
      'preserve-caught-error': 'off',
      'no-useless-assignment': 'off',
    },
  },
  {
    // Plain JavaScript (build scripts, Jest and ESLint config): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: nodeGlobals },
  },
  {
    // Plain JavaScript (build scripts, Jest and ESLint config): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: nodeGlobals },
  },
);
