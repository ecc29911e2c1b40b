#!/usr/bin/env node
import { main } from './cli.js';

// The only place that touches the real process.
const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
  monotonic: () => performance.now(),
  onShutdown: (handler) => {
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  },
});
process.exitCode = code;
