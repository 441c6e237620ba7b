const { availableParallelism } = require('node:os');

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

/**
 * Workers, and so test hubs: one per core by default (each hub is ~5 processes and an embedded PostgreSQL, about
 * 1.5 GB), at most 4; HUB_TEST_WORKERS sets it (1 runs every file on one hub, one after another).
 */
const workers = Number(process.env.HUB_TEST_WORKERS) || Math.min(4, Math.max(1, availableParallelism()));

/** @type {import('jest').Config} */
module.exports = {
  // each worker has a hub of its own (tests/support/global-setup.ts); the files of one worker run one at a time
  maxWorkers: workers,
  // a guard against a hung test, not a measure: two files at once on a shared 2-core machine each take twice as long
  // (the gateway fuzz took 105 s alone, over 120 s beside another file)
  testTimeout: 300000,
  // files in an order drawn from a seed (printed; TEST_ORDER_SEED repeats it): no file may lean on another's writes
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  projects: [
    {
      // plain modules and request plugins on a small schema, no hub
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit'],
      testMatch: ['**/*.test.ts'],
      transform,
    },
    {
      displayName: 'hub',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/unit/'],
      transform,
      // one hub per worker, each started the way `npm start` starts it (tests/support/global-setup.ts)
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      // before each file: the shared hub's active register is still the seed's (tests/support/register-unchanged.ts)
      setupFilesAfterEnv: ['<rootDir>/tests/support/register-unchanged.ts'],
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
