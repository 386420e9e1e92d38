import type { Config } from 'jest';

type Project = NonNullable<Config['projects']>[number] & object;

const project: Project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  // The real-browser specs run on their own: `npm run test:browser` (jest.browser.config.ts).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/browser/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // Angular ships ES modules only: rewritten to CommonJS for jest (spec/support/esm-to-commonjs.cjs).
    '^.+\\.mjs$': '<rootDir>/spec/support/esm-to-commonjs.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!(@angular|angular-core-19)/)'],
};

const config: Config = {
  projects: [
    { ...project, displayName: 'hpkv-rx' },
    // hpkv-rx/angular's specs again on the oldest Angular supported (npm alias angular-core-19).
    {
      ...project,
      displayName: 'angular-oldest',
      roots: ['<rootDir>/spec/angular', '<rootDir>/spec/integration'],
      testMatch: ['**/spec/angular/**/*.spec.ts', '**/spec/integration/angular-stability.spec.ts'],
      moduleNameMapper: {
        '^@angular/core(/.*)?$': 'angular-core-19$1',
        '^(.*)/support/angular-app$': '$1/support/angular-app-oldest',
      },
    },
  ],
  // Real sockets on 127.0.0.1: keep a generous ceiling, but specs wait for events, never sleep.
  testTimeout: 20000,
  // One shared local server for specs that want one (most start their own on port 0).
  globalSetup: '<rootDir>/spec/support/global-setup.ts',
  globalTeardown: '<rootDir>/spec/support/global-teardown.ts',
  // CI has 2 cores; more workers only add contention for the socket specs.
  maxWorkers: 2,
};

export default config;
