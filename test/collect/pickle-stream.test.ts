// The streamed model read (a bounded window over the file, or a decompressing worker) gives
// exactly what the whole-file read gives (whose answers are checked against scikit-learn in
// pickle-fixtures.test.ts), on every model fixture and the sample models, at window sizes
// from tiny (every value crosses a window edge) to the default; compressed files go through
// the decompressing worker however small (oneCallBytes: 0).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { companionsBeside } from '../../src/collect/model.js';
import { DEFAULT_PICKLE_LIMITS, inspectPickle, inspectPickleFile } from '../../src/collect/pickle/index.js';
import { REPO } from '../helpers.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'models');
const files = [
  ...readdirSync(FIXTURES)
    .filter((f) => /\.(pkl|joblib|pickle|sav)$/.test(f))
    .map((f) => join(FIXTURES, f)),
  join(REPO, 'models', 'production_model.pkl'),
  join(REPO, 'models', 'candidate_model.pkl'),
];

/** The result, or the error's message: a file that fails must fail alike. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const wholeReads = new Map<string, string>();
/** The whole-file read of `file`, once per file. */
const wholeRead = (file: string): string => {
  let r = wholeReads.get(file);
  if (r === undefined) {
    r = JSON.stringify(
      outcome(() => inspectPickle(readFileSync(file), DEFAULT_PICKLE_LIMITS, 'm', companionsBeside(file))),
    );
    wholeReads.set(file, r);
  }
  return r;
};

describe('the streamed model read', () => {
  it('covers every fixture', () => expect(files.length).toBeGreaterThan(235));

  it.each([16, 61, 4096, undefined])(
    'equals the whole-file read at a window of %s bytes',
    { timeout: 180_000 },
    (windowBytes) => {
      for (const file of files) {
        const streamed = outcome(() =>
          inspectPickleFile(
            file,
            { ...DEFAULT_PICKLE_LIMITS, windowBytes, oneCallBytes: 0 },
            'm',
            companionsBeside(file),
          ),
        );
        if (JSON.stringify(streamed) !== wholeRead(file))
          expect({ file, streamed }).toEqual({ file, streamed: JSON.parse(wholeRead(file)) });
      }
    },
  );
});
