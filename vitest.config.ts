import { defineConfig } from 'vitest/config';

// Unit, golden and CLI tests. The browser test needs Chromium: vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
