import { defineConfig } from 'vitest/config';

// Unit, golden and CLI tests. The browser test needs Chromium: vitest.browser.config.ts.
// The slow tier runs only with MLOPS_SLOW_TESTS=1, as .ci/run sets (npm run test:all): a fresh
// clone with npm ci (test/slow/), and the exhaustive sweeps, each tens of seconds of CPU here:
// every model fixture at every window size, every CSV chunk offset against Python's counts,
// every LZMA option against Python's lzma, the compression bombs and the big hostile inputs.
const slow = process.env.MLOPS_SLOW_TESTS === '1';
const SLOW_TIER = [
  'test/slow/**',
  'test/collect/pickle-stream.test.ts',
  'test/collect/csv-scan.test.ts',
  'test/collect/lzma.test.ts',
  'test/collect/pickle-bombs.test.ts',
  'test/hostile/generated.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', ...(slow ? [] : SLOW_TIER)],
    testTimeout: 30_000,
    // removing a fresh clone's node_modules (test/slow/) can take over the default 10 s on a loaded 2-core machine
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default leaves one core idle: on a 2-core machine that is one worker
    maxWorkers: 2,
  },
});
