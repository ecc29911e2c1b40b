import { defineConfig } from 'vitest/config';

// Unit, golden and CLI tests. The browser test needs Chromium: vitest.browser.config.ts.
// test/slow/ (a fresh clone and npm ci, ~30 s) runs only with MLOPS_SLOW_TESTS=1, as .ci/run sets.
const slow = process.env.MLOPS_SLOW_TESTS === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', ...(slow ? [] : ['test/slow/**'])],
    testTimeout: 30_000,
    // removing a fresh clone's node_modules (test/slow/) can take over the default 10 s on a loaded 2-core machine
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
