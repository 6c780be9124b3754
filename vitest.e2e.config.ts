import { defineConfig } from 'vitest/config';

// Browser journeys: one server + one Chromium per file, run one file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // a page on a busy 2-core machine can take seconds to settle: poll for up to 15 s, not the default 1 s
    expect: { poll: { timeout: 15_000 } },
  },
});
