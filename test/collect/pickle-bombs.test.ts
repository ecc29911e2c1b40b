// Compression bombs made here, at test time (in a temporary folder removed after each
// test): a pickle that declares one huge bytes payload of zeros, compressed. The streamed
// reader must refuse it without materialising the output: past 16 MiB at more than
// limits.max_expansion_ratio out per byte in, or past limits.max_model_bytes.
import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDeflate, createGzip } from 'node:zlib';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PICKLE_LIMITS, inspectPickleFile } from '../../src/collect/pickle/index.js';
import { ReportError } from '../../src/errors.js';
import { REPO, tempProject } from '../helpers.js';

const require = createRequire(import.meta.url);
const LZMA = join(REPO, 'test', 'fixtures', 'lzma');

/** PROTO 4, then BINBYTES8 of `n` bytes: a pickle whose payload is the bomb. */
const header = (n: number): Buffer => {
  const b = Buffer.from([0x80, 4, 0x8e, 0, 0, 0, 0, 0, 0, 0, 0]);
  b.writeUInt32LE(n % 2 ** 32, 3);
  b.writeUInt32LE(Math.floor(n / 2 ** 32), 7);
  return b;
};

/**
 * Writes header(total) + zeros through a zlib/gzip stream into `path`, a MiB at a time
 * (never held whole). `padding` random bytes first (a BINBYTES8 then POP) make the file
 * larger than the 1 MiB decoded in one call, so the worker's streamed path is the one tried.
 */
async function streamBomb(path: string, codec: 'zlib' | 'gzip', total: number, padding = 0): Promise<void> {
  const z = codec === 'zlib' ? createDeflate({ level: 9 }) : createGzip({ level: 9 });
  const out = createWriteStream(path);
  z.pipe(out);
  if (padding > 0) {
    z.write(header(padding).subarray(0, 11));
    z.write(randomBytes(padding));
    z.write(Buffer.from([0x30, 0x8e])); // POP, then the bomb's BINBYTES8
    z.write(header(total).subarray(3));
  } else z.write(header(total));
  const mib = Buffer.alloc(1 << 20);
  for (let left = total; left > 0; left -= mib.length)
    if (!z.write(left >= mib.length ? mib : mib.subarray(0, left))) await once(z, 'drain');
  z.end();
  await once(out, 'close');
}

function refusal(path: string, limits = DEFAULT_PICKLE_LIMITS): ReportError {
  try {
    inspectPickleFile(path, limits, 'bomb.pkl');
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('the bomb was read');
}

describe('compression bombs (made at test time)', () => {
  it.each(['zlib', 'gzip'] as const)(
    '%s, streamed by the worker: refused past 16 MiB at more than 20:1',
    async (codec) => {
      const path = join(tempProject(), 'bomb.pkl');
      await streamBomb(path, codec, 64 << 20, 3 << 19); // 1.5 MiB of noise, then 64 MiB of zeros
      const e = refusal(path);
      expect(e.code).toBe('INPUT_INVALID');
      expect(e.message).toMatch(/^bomb\.pkl: expands more than 20:1 \(\d+:1 after 16 MiB\): a compression bomb\?/);
      expect(e.hint).toMatch(/limits\.max_expansion_ratio/);
    },
  );

  it('zlib, a small file decoded in one call: refused past max(16 MiB, 20 × its size)', async () => {
    const path = join(tempProject(), 'bomb.pkl');
    await streamBomb(path, 'zlib', 64 << 20); // about 64 KB
    expect(refusal(path).message).toMatch(/^bomb\.pkl: expands more than 20:1 \(over \d+:1 after 16 MiB\)/);
  });

  it('zlib, the ratio guard raised: refused at limits.max_model_bytes', async () => {
    const path = join(tempProject(), 'bomb.pkl');
    await streamBomb(path, 'zlib', 96 << 20);
    const e = refusal(path, { ...DEFAULT_PICKLE_LIMITS, maxExpansionRatio: 1e9, maxModelBytes: 80 << 20 });
    expect(e.message).toMatch(/^bomb\.pkl: decompresses to more than 83886080 bytes \(limit\)/);
  });

  it('a declared payload past limits.max_model_bytes is refused before anything is allocated', async () => {
    const path = join(tempProject(), 'bomb.pkl');
    await streamBomb(path, 'zlib', 4 << 20);
    const e = refusal(path, { ...DEFAULT_PICKLE_LIMITS, maxModelBytes: 1 << 20 });
    expect(e.message).toMatch(/decompresses to more than 1048576 bytes \(limit\)/);
  });

  it('lz4: decoded block by block, refused past 16 MiB at more than 20:1', () => {
    const lz4 = require('lz4-napi') as { compressFrameSync(b: Buffer): Buffer };
    const path = join(tempProject(), 'bomb.pkl');
    writeFileSync(path, lz4.compressFrameSync(Buffer.concat([header(40 << 20), Buffer.alloc(40 << 20)])));
    expect(refusal(path).message).toMatch(/^bomb\.pkl: expands more than 20:1/);
  });

  // made by scripts/make-lzma-fixtures.py: 64 MiB of zeros in 10 KB, the size unknown, or
  // an xz index that says 1000 bytes (the old one-call decoder trusted the index)
  it.each(['bomb-unknown-size.lzma', 'bomb-lying-index.xz'])(
    '%s: decoded step by step, refused past 16 MiB at more than 20:1',
    (name) => {
      const e = refusal(join(LZMA, name));
      expect(e.code).toBe('INPUT_INVALID');
      expect(e.message).toMatch(/^bomb\.pkl: expands more than 20:1 \(\d+:1 after 16 MiB\): a compression bomb\?/);
    },
  );

  it.each(['bomb-unknown-size.lzma', 'bomb-lying-index.xz'])(
    '%s, the ratio guard raised: refused at limits.max_model_bytes',
    (name) => {
      const limits = { ...DEFAULT_PICKLE_LIMITS, maxExpansionRatio: 1e9, maxModelBytes: 32 << 20 };
      // the pickle declares a 64 MiB payload: past the limit, refused before decoding it
      expect(refusal(join(LZMA, name), limits).message).toMatch(/^bomb\.pkl: decompresses to more than 33554432 bytes/);
    },
  );

  it('xz, an LZMA dictionary larger than limits.max_lzma_dictionary_bytes: refused before it is allocated', () => {
    const e = refusal(join(LZMA, 'preset9e.xz'), { ...DEFAULT_PICKLE_LIMITS, maxLzmaDictionaryBytes: 16 << 20 });
    expect(e.message).toBe(
      'bomb.pkl: xz data uses a 64 MiB dictionary, more than the 16 MiB accepted (limits.max_lzma_dictionary_bytes)',
    );
    expect(e.hint).toMatch(/raise limits\.max_lzma_dictionary_bytes/);
  });
});
