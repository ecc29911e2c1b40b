import { defineConfig } from 'vitest/config';

// Real-browser tests: Debian's Chromium driven by playwright-core (see .ci/run).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
