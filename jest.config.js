/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  // one hub for the whole run, started the way `npm start` starts it (tests/support/global-setup.ts)
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // files share the hub and read its SQL statement counters, so they run one after another
  maxWorkers: 1,
  testTimeout: 120000,
};
