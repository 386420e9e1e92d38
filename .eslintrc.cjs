/* eslint-env node */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: {
    project: './tsconfig.json',
    tsconfigRootDir: __dirname,
  },
  plugins: ['@typescript-eslint'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended'],
  ignorePatterns: ['dist/', 'node_modules/', 'coverage/', '*.cjs', '*.js', 'bench/results/', 'scratch/'],
  rules: {
    // Every request must settle: a forgotten promise is exactly the bug class we exist to avoid.
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    'no-console': ['error', { allow: ['warn', 'error'] }],
    eqeqeq: ['error', 'always', { null: 'ignore' }],
  },
  overrides: [
    {
      // Demos, benchmarks and the CLI talk to a terminal.
      files: ['demos/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'lib/server/cli*.ts'],
      rules: { 'no-console': 'off' },
    },
    {
      // The web console is a browser app on hpkv-rx's public API only (what a user's app can use).
      files: ['lib/console/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [{ group: ['../client/*', '**/protocol', '**/protocol/*', '**/server', '**/server/*', '**/testing', '**/testing/*', 'node:*', 'ws', 'zod', 'zod/*'], message: 'lib/console imports only the public client API (../client) and rxjs.' }],
        }],
      },
    },
    {
      // The Angular layer wraps the client's public API (`hpkv-rx`), as an app would.
      files: ['lib/angular/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [{ group: ['**/client', '**/client/*', '**/protocol', '**/protocol/*', '**/server', '**/server/*', '**/testing', '**/testing/*', 'node:*', 'ws', 'zod', 'zod/*'], message: 'lib/angular imports only hpkv-rx (the public client API), rxjs and @angular/*.' }],
        }],
      },
    },
    {
      // hpkv-local serves the console's built files; it imports none of its code.
      files: ['lib/server/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ group: ['**/console', '**/console/*'], message: 'lib/server must not import lib/console: it only serves its built files.' }] }],
      },
    },
    {
      files: ['spec/**/*.ts'],
      rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
    },
  ],
};
