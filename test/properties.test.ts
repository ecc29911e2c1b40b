// Property-based tests (fast-check): arbitrary and mutated bytes never make the pickle
// reader do anything but return a result or throw a ReportError, within its budgets; and
// any string survives embedding in the page.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../src/errors.js';
import { inspectPickle } from '../src/collect/pickle/index.js';
import { toScriptJson } from '../src/render/html/embed.js';

const LIMITS = { maxModelBytes: 16 << 20, maxOps: 2_000_000 };
/** Runs per property: a quarter as many in a plain `npm test`, all of them in .ci/run (MLOPS_SLOW_TESTS=1). */
const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? (process.env.MLOPS_SLOW_TESTS === '1' ? n : n / 4));
const MODELS = join(import.meta.dirname, 'fixtures', 'models');
const seeds = readdirSync(MODELS)
  .filter(
    (f) =>
      /__(pickle_p[0245]|joblib_(raw|zlib|p2))\.pkl$/.test(f) && /^(rf_clf|logreg_str|column_pipe|grid_rf)/.test(f),
  )
  .map((f) => readFileSync(join(MODELS, f)));

/** Either a description or a ReportError; anything else (a TypeError, a hang) fails the property. */
function readsOrRefuses(bytes: Uint8Array): boolean {
  try {
    inspectPickle(bytes, LIMITS, 'fuzz.pkl');
    return true;
  } catch (e) {
    if (e instanceof ReportError) return true;
    throw e;
  }
}

describe('the pickle reader on arbitrary bytes', () => {
  it('reads or refuses random bytes, with or without a pickle header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom([], [0x80, 2], [0x80, 4], [0x80, 5], [0x78, 0x9c], [0x1f, 0x8b]),
        (body, head) => readsOrRefuses(Uint8Array.from([...head, ...body])),
      ),
      { numRuns: runs(2000) },
    );
  });

  it('reads or refuses real model files with bytes flipped, cut or inserted', () => {
    const mutation = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'insert')), {
        minLength: 1,
        maxLength: 8,
      }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits }) => {
        let b = Array.from(seeds[seed]!);
        for (const [at, value, kind] of edits) {
          const i = at % Math.max(1, b.length);
          if (kind === 'flip') b[i] = value;
          else if (kind === 'cut') b = b.slice(0, i);
          else b.splice(i, 0, value);
        }
        return readsOrRefuses(Uint8Array.from(b));
      }),
      { numRuns: runs(1500) },
    );
  });
});

describe('embedding', () => {
  it('round-trips any string through the data block, which never holds <, > or &', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (a, b) => {
          const value = { a, b, list: [a, `</script>${b}<!--`] };
          const text = toScriptJson(value);
          expect(text).not.toMatch(/[<>&\u2028\u2029]/);
          expect(JSON.parse(text)).toEqual(value);
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});
