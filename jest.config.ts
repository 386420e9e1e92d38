import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  // The real-browser specs run on their own: `npm run test:browser` (jest.browser.config.ts).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/browser/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Real sockets on 127.0.0.1: keep a generous ceiling, but specs wait for events, never sleep.
  testTimeout: 20000,
  // One shared local server for specs that want one (most start their own on port 0).
  globalSetup: '<rootDir>/spec/support/global-setup.ts',
  globalTeardown: '<rootDir>/spec/support/global-teardown.ts',
  // CI has 2 cores; more workers only add contention for the socket specs.
  maxWorkers: 2,
};

export default config;
