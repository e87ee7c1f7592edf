// Vitest: unit tests beside the code (src/**/*.test.ts), integration suites under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Database suites share real servers; files use their own schemas, but keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
