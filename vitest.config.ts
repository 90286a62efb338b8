import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: more workers than that only adds contention for SQLite fsyncs.
    maxWorkers: 2,
    // .ci/run asks for a machine-readable report so it can print the real pass/fail counts.
    reporters: process.env.DELIGHT_TEST_REPORT ? ['default', ['json', { outputFile: process.env.DELIGHT_TEST_REPORT }]] : ['default'],
  },
});
