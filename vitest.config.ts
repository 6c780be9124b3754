import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // tests that convert files with LibreOffice take seconds each; a busy 2-core machine can make it tens
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
