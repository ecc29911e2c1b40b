/**
 * Opens a model file as a pickle stream read through a bounded window: a plain pickle
 * straight from the file; zlib, gzip, joblib's ZF and bz2 through a decompressing worker
 * (inflate-source.ts); lz4 block by block (lz4-source.ts); xz and lzma step by step by our
 * own LZMA decoder (lzma-source.ts). Each stops at the limits whatever the file declares.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { ByteReader, DEFAULT_WINDOW, type ByteSource } from './byte-reader.js';
import { detectCompression, unwrap, type Compression } from './container.js';
import { corrupt, guardFor, RATIO_FLOOR, tooBig, tooExpanded } from './decode-guard.js';
import { InflateSource, type InflateFailure, type StreamCodec } from './inflate-source.js';
import { Lz4Source } from './lz4-source.js';
import { fileReader } from './lzma-input.js';
import { DEFAULT_MAX_DICTIONARY, LzmaSource } from './lzma-source.js';
import type { OpenedStream, PickleLimits } from './load.js';
import { PickleError } from './pickle-error.js';

const HEAD = 4096;

/** Compressed files up to this size are decoded in one call (at most max(16 MiB, ratio × size) of output). */
const SMALL = 1 << 20;

const STREAMED: Partial<Record<Compression, StreamCodec>> = {
  zlib: 'zlib',
  gzip: 'gzip',
  'joblib-zfile': 'zfile',
  bz2: 'bz2',
};

function failure(f: InflateFailure, compression: Compression, limits: PickleLimits): PickleError {
  if (f.kind === 'limit') return tooBig(limits.maxModelBytes);
  if (f.kind === 'ratio') return tooExpanded(limits.maxExpansionRatio ?? Number.POSITIVE_INFINITY, f.detail);
  return corrupt(compression, f.detail);
}

/** The file's first bytes (what kind of file it is) and its pickle stream. Throws fs errors. */
export function openStream(path: string, limits: PickleLimits): OpenedStream & { readonly head: Uint8Array } {
  const fd = openSync(path, 'r');
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEAD, size));
    readSync(fd, head, 0, head.length, 0);
    const compression = detectCompression(head);
    const window = limits.windowBytes ?? DEFAULT_WINDOW;
    const codec = STREAMED[compression];
    // a decompressed stream: its size is known only once read, so the model limit bounds it
    const decompressed = (source: ByteSource, close: () => void): OpenedStream & { readonly head: Uint8Array } => ({
      head,
      compression,
      size: null,
      reader: ByteReader.streaming(source, window, {
        bytes: limits.maxModelBytes,
        error: () => tooBig(limits.maxModelBytes),
      }),
      close,
    });
    if (compression === 'none') {
      if (size > limits.maxModelBytes)
        throw new PickleError(
          `is larger than ${limits.maxModelBytes} bytes (limit)`,
          'raise limits.max_model_bytes in mlops-report.config.json',
        );
      let at = 0;
      const source: ByteSource = {
        read: (into) => {
          const n = readSync(fd, into, 0, into.length, at);
          at += n;
          return n;
        },
      };
      const truncated = (need: number): Error =>
        new PickleError(`truncated: the pickle needs ${need} bytes, the file has ${size}`);
      keep = true;
      return {
        head,
        compression,
        size,
        reader: ByteReader.streaming(source, window, { bytes: size, error: truncated }),
        close: () => closeSync(fd),
      };
    }
    if (codec && size <= (limits.oneCallBytes ?? SMALL)) {
      // a small file (a thread costs more): decoded here at once, bounded as the stream would be
      const ratio = limits.maxExpansionRatio ?? Number.POSITIVE_INFINITY;
      const bound = Math.min(limits.maxModelBytes, Math.max(RATIO_FLOOR, ratio * size));
      let stream: Uint8Array;
      try {
        stream = unwrap(readFileSync(fd), bound, limits.maxLzmaDictionaryBytes).stream;
      } catch (e) {
        if (e instanceof PickleError && bound < limits.maxModelBytes && /^decompresses to more than/.test(e.message))
          throw failure({ kind: 'ratio', detail: `over ${Math.floor(bound / size)}` }, compression, limits);
        throw e;
      }
      return { head, compression, size: stream.length, reader: new ByteReader(stream), close: () => undefined };
    }
    if (codec) {
      const inflate = new InflateSource(
        path,
        codec,
        {
          maxBytes: limits.maxModelBytes,
          maxRatio: limits.maxExpansionRatio ?? Number.POSITIVE_INFINITY,
          ratioFloor: RATIO_FLOOR,
        },
        (f) => failure(f, compression, limits),
      );
      return decompressed(inflate, () => inflate.close());
    }
    if (compression === 'lz4' || compression === 'xz' || compression === 'lzma') {
      const guard = guardFor(limits);
      const source =
        compression === 'lz4'
          ? new Lz4Source(fd, size, guard)
          : new LzmaSource(fileReader(fd), compression, {
              ...guard,
              maxDictionary: limits.maxLzmaDictionaryBytes ?? DEFAULT_MAX_DICTIONARY,
            });
      keep = true;
      return decompressed(source, () => closeSync(fd));
    }
    throw new PickleError(`${compression} data cannot be read`); // every codec is handled above
  } finally {
    if (!keep) closeSync(fd);
  }
}
