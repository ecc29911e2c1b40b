// Our xz/lzma decoder (src/collect/pickle/lzma-*.ts, xz-*.ts) against what Python's lzma
// module (liblzma) gives on the same bytes: test/fixtures/lzma/truth.json, written by
// scripts/make-lzma-fixtures.py, covers every part of both formats and the xz/lzma model
// fixtures. Output is pulled in reads of many sizes (a value crosses every kind of
// boundary); bad input is refused with a PickleError, bombs at their limit.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATIO_FLOOR, type OutputGuard } from '../../src/collect/pickle/decode-guard.js';
import { fileReader, memoryReader, type ReadAt } from '../../src/collect/pickle/lzma-input.js';
import { decodeAll, LzmaSource, type LzmaFormat, type LzmaGuard } from '../../src/collect/pickle/lzma-source.js';
import { PickleError } from '../../src/collect/pickle/pickle-error.js';
import { REPO } from '../helpers.js';

const DIR = join(REPO, 'test', 'fixtures', 'lzma');
interface Truth {
  readonly expect: 'data' | 'unsupported' | 'trailing' | 'bomb' | 'corrupt';
  readonly python: { readonly bytes?: number; readonly sha256?: string; readonly error?: string };
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Record<string, Truth>;
const names = (kind: Truth['expect']): string[] => Object.keys(truth).filter((n) => truth[n]!.expect === kind);

/** Which guard refused: the limit or the ratio (the words are checked in pickle-bombs.test.ts). */
class Refused extends PickleError {
  constructor(readonly kind: 'limit' | 'ratio') {
    super(`refused: ${kind}`);
  }
}

function guard(o: Partial<LzmaGuard> = {}): LzmaGuard {
  const base: OutputGuard = {
    maxBytes: 2 ** 31 - 1,
    maxRatio: Number.POSITIVE_INFINITY,
    ratioFloor: RATIO_FLOOR,
    fail: (kind) => new Refused(kind),
  };
  return { ...base, maxDictionary: 64 << 20, ...o };
}

const formatOf = (b: Uint8Array): LzmaFormat => (b[0] === 0xfd ? 'xz' : 'lzma');

/** Pulls the whole output through reads of `size` bytes; returns its length and SHA-256. */
function pull(readAt: ReadAt, format: LzmaFormat, size: number, g = guard()): { bytes: number; sha256: string } {
  const source = new LzmaSource(readAt, format, g);
  const hash = createHash('sha256');
  const into = new Uint8Array(size);
  let bytes = 0;
  for (let n; (n = source.read(into)) > 0; bytes += n) hash.update(into.subarray(0, n));
  return { bytes, sha256: hash.digest('hex') };
}

function pullFile(name: string, size: number, g = guard()): { bytes: number; sha256: string } {
  const fd = openSync(join(DIR, name), 'r');
  try {
    return pull(fileReader(fd), formatOf(readFileSync(join(DIR, name))), size, g);
  } finally {
    closeSync(fd);
  }
}

/** The error `run` throws (a PickleError, or the test fails). */
function refusal(run: () => unknown): PickleError {
  try {
    run();
  } catch (e) {
    if (e instanceof PickleError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the LZMA decoder', () => {
  it('has a fixture of every kind', () => {
    expect(names('data').length).toBeGreaterThanOrEqual(17 + 38);
    for (const kind of ['unsupported', 'trailing', 'bomb', 'corrupt'] as const) expect(names(kind)).not.toEqual([]);
  });

  it.each([1, 61, 4096, 1 << 20])('gives what Python gives, read %s bytes at a time', (size) => {
    for (const name of names('data')) {
      if (size === 1 && truth[name]!.python.bytes! > 1 << 20) continue; // a byte at a time: the small ones
      expect({ name, ...pullFile(name, size) }).toEqual({ name, ...truth[name]!.python });
    }
  });

  it('gives the same from bytes in memory', () => {
    for (const name of names('data')) {
      const b = readFileSync(join(DIR, name));
      const out = decodeAll(memoryReader(b), formatOf(b), guard());
      expect({ name, sha256: createHash('sha256').update(out).digest('hex') }).toEqual({
        name,
        sha256: truth[name]!.python.sha256,
      });
    }
  });

  it('refuses BCJ and delta filter chains by name', () => {
    expect(refusal(() => pullFile('x86-bcj.xz', 4096)).message).toMatch(
      /^xz data cannot be read: the filter chain x86 BCJ \+ LZMA2 is not supported/,
    );
    expect(refusal(() => pullFile('delta.xz', 4096)).message).toMatch(
      /the filter chain delta \+ LZMA2 is not supported/,
    );
  });

  it('refuses bytes after the stream that are not another stream (Python would ignore them)', () => {
    for (const name of names('trailing'))
      expect(refusal(() => pullFile(name, 4096)).message).toMatch(/data is corrupt or truncated: bytes after the end/);
  });

  it('refuses a dictionary larger than the cap before allocating it', () => {
    expect(refusal(() => pullFile('preset9e.xz', 4096, guard({ maxDictionary: 32 << 20 }))).message).toBe(
      'xz data uses a 64 MiB dictionary, more than the 32 MiB accepted (limits.max_lzma_dictionary_bytes)',
    );
    expect(refusal(() => pullFile('alone.lzma', 4096, guard({ maxDictionary: 1 << 20 }))).message).toMatch(
      /^lzma data uses a 8 MiB dictionary, more than the 1 MiB accepted/,
    );
  });

  it('stops a bomb at the expansion ratio past 16 MiB, or at the size limit, whatever the file declares', () => {
    for (const name of names('bomb')) {
      const ratio = refusal(() => pullFile(name, 1 << 20, guard({ maxRatio: 20 })));
      expect([name, ratio]).toEqual([name, expect.objectContaining({ kind: 'ratio' })]);
      const limit = refusal(() => pullFile(name, 1 << 20, guard({ maxBytes: 32 << 20 })));
      expect([name, limit]).toEqual([name, expect.objectContaining({ kind: 'limit' })]);
    }
  });

  it('holds a block to the size its header declares as it decodes (a lie is refused before any limit)', () => {
    expect(refusal(() => pullFile('bomb-lying-header.xz', 1 << 20, guard({ maxRatio: 20 }))).message).toBe(
      'xz data is corrupt or truncated: a block is not the size its header declares',
    );
  });

  it('refuses every truncation, and every flipped byte of an xz file (its checks catch them; sampled in larger files)', () => {
    for (const name of ['../models/linreg__joblib_xz.pkl', '../models/linreg__joblib_lzma.pkl', 'three-blocks.xz']) {
      const b = readFileSync(join(DIR, name));
      const step = Math.max(1, Math.floor(b.length / 150));
      for (let n = 0; n < b.length; n += step)
        expect(() => pull(memoryReader(b.subarray(0, n)), formatOf(b), 4096)).toThrow(PickleError);
      if (formatOf(b) !== 'xz') continue;
      for (let at = 0; at < b.length; at += step) {
        const bad = Uint8Array.from(b);
        bad[at] = b[at]! ^ 0x21;
        const e = refusal(() => pull(memoryReader(bad), 'xz', 4096));
        expect(e.code).toBe('INPUT_INVALID');
      }
    }
  });

  it('reads or refuses an lzma file with any byte flipped (it has no check: the output may differ)', () => {
    const b = readFileSync(join(DIR, '../models/rf_clf__joblib_lzma.pkl'));
    for (let at = 0; at < b.length; at += 7) {
      const bad = Uint8Array.from(b);
      bad[at] = b[at]! ^ 0x10;
      try {
        expect(pull(memoryReader(bad), 'lzma', 4096, guard({ maxBytes: 1 << 20 })).bytes).toBeLessThanOrEqual(1 << 20);
      } catch (e) {
        expect(e).toBeInstanceOf(PickleError);
      }
    }
  });
});

/** Runs per property: a quarter as many in a plain `npm test`, all of them in .ci/run (MLOPS_SLOW_TESTS=1). */
const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? (process.env.MLOPS_SLOW_TESTS === '1' ? n : n / 4));

/** An lzma-alone header (properties 0x5d, a 64 KiB dictionary, size unknown) and a range coder start. */
const ALONE = [0x5d, 0, 0, 1, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0];
/** An xz stream header (CRC64), a block header (LZMA2, 128 KiB dictionary), an LZMA2 chunk header up to its range coder start. */
const XZ = [
  ...[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 4, 0xe6, 0xd6, 0xb4, 0x46],
  ...[2, 0, 0x21, 1, 10, 0, 0, 0, 0x53, 0xc7, 0x2a, 0xb9],
  ...[0xe0, 0x7f, 0xff, 0x0f, 0xff, 0x5d, 0],
];

describe('the LZMA decoder on random bytes after a valid header', () => {
  it.each([
    ['lzma', ALONE],
    ['xz', XZ],
  ] as const)('%s: reads or refuses with a PickleError, and never passes its limit', (format, head) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8192 }), (body) => {
        const g = guard({ maxBytes: 4 << 20 });
        try {
          const { bytes } = pull(memoryReader(Uint8Array.from([...head, ...body])), format, 65536, g);
          expect(bytes).toBeLessThanOrEqual(4 << 20);
        } catch (e) {
          if (!(e instanceof PickleError)) throw e;
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('the headers above are valid: they start decoding and fail only on the body', () => {
    expect(refusal(() => pull(memoryReader(Uint8Array.from(ALONE)), 'lzma', 4096)).message).toBe(
      'lzma data is corrupt or truncated: the data ends early',
    );
    expect(refusal(() => pull(memoryReader(Uint8Array.from(XZ)), 'xz', 4096)).message).toBe(
      'xz data is corrupt or truncated: the file ends early',
    );
  });
});
