import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/docs/**/*.test.ts'],
    // Real PGlite instances: generous timeouts, and files in parallel only as far as two cores allow.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ['default', './tests/slowest-files.ts'],
    setupFiles: ['./tests/property-seed.ts'],
  },
});
