import type { Config } from 'jest';

/**
 * `npm run test:browser`: hpkv-rx and the hpkv-local console in a real headless Chromium
 * (playwright-core; Chromium from CHROME_PATH or the system). Kept apart from `npm test`, which
 * stays fast and needs no browser.
 */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec/browser'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Every wait is for an event or a condition; this only bounds a spec that would otherwise hang.
  testTimeout: 30000,
  // One Chromium at a time: the machine has 2 cores, shared.
  maxWorkers: 1,
};

export default config;
