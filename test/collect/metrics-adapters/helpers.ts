// Reads a made-up fixture of test/fixtures/metrics-shapes and runs the dispatcher on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readMetricsShapes, type ReadOutcome } from '../../../src/collect/metrics/adapters/index.js';
import type { AdapterContext, AdapterMatch } from '../../../src/collect/metrics/adapters/types.js';
import { REPO } from '../../helpers.js';

export const SHAPES = join(REPO, 'test', 'fixtures', 'metrics-shapes');

export function readShape(name: string, ctx: Partial<AdapterContext> = {}): ReadOutcome {
  return readMetricsShapes(readFileSync(join(SHAPES, name), 'utf8'), { fileName: name, ...ctx });
}

/** The match of a fixture that must be readable. */
export function matchOf(name: string, ctx: Partial<AdapterContext> = {}): AdapterMatch {
  const r = readShape(name, ctx);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.why)}`);
  return r.match;
}

/** Asserts that a read failed with a problem code and returns the failure. */
export function problemOf(r: ReadOutcome, problem: string): Extract<ReadOutcome, { ok: false }> {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.problem).toBe(problem);
  return r;
}
