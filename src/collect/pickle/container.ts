/**
 * What kind of file this is, from its first bytes (never from its name), and the pickle
 * stream inside it. joblib compresses the whole stream, so a compressed joblib file is
 * the compressor's format around an ordinary joblib pickle.
 */
import zlib from 'node:zlib';
import { corrupt, tooBig } from './decode-guard.js';
import { bunzip2, unlz4, unlzmaFormat } from './decompress.js';
import { PickleError } from './pickle-error.js';

export type Compression = 'none' | 'zlib' | 'gzip' | 'bz2' | 'xz' | 'lzma' | 'lz4' | 'joblib-zfile';

export interface Unwrapped {
  readonly compression: Compression;
  readonly stream: Uint8Array;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const ascii = (b: Uint8Array, n: number): string => Buffer.from(b.subarray(0, n)).toString('latin1');

/** The compression, by magic bytes (as joblib's own _detect_compressor does). */
export function detectCompression(b: Uint8Array): Compression {
  if (startsWith(b, [0x5a, 0x46])) return 'joblib-zfile'; // "ZF": joblib < 0.10
  if (startsWith(b, [0x78])) return 'zlib'; // joblib checks this one byte too
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(b, [0x42, 0x5a, 0x68])) return 'bz2'; // "BZh"
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(b, [0x5d, 0x00, 0x00])) return 'lzma'; // LZMA "alone" header, default properties
  if (startsWith(b, [0x04, 0x22, 0x4d, 0x18])) return 'lz4';
  return 'none';
}

/**
 * Files that are clearly not pickles get a sentence saying what they are; the parser's
 * own error ("byte 0x3c is not an opcode") would not help anyone.
 */
export function describeNonPickle(b: Uint8Array): string | null {
  if (b.length === 0) return 'the file is empty';
  const head = ascii(b, Math.min(b.length, 256));
  if (head.startsWith('version https://git-lfs')) return 'the file is a Git LFS pointer, not the model itself';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]))
    return 'the file is a zip archive (a PyTorch, Keras or npz file?), not a pickle';
  if (/^\s*<(!doctype|html|\?xml|head|body)/i.test(head))
    return 'the file is an HTML or XML page (a download error saved under the model name?)';
  if (startsWith(b, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return 'the file is a .npy array, not a model';
  // neither '[' nor '{' (nor leading whitespace) is a pickle opcode
  if (/^\s*[[{]/.test(head)) return 'the file looks like JSON text, not a pickle';
  return null;
}

/** Text that a pickle is not: printable, no NUL, and not a protocol 0 pickle's first opcode. */
export function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
  }
  return true;
}

/**
 * Decompresses `b` when joblib compressed it, bounded by `maxBytes` of output (zip bombs)
 * and, for xz and lzma, by the largest dictionary accepted.
 */
export function unwrap(b: Uint8Array, maxBytes: number, maxLzmaDictionary?: number): Unwrapped {
  const compression = detectCompression(b);
  const bounded = (run: () => Uint8Array): Uint8Array => {
    try {
      return run();
    } catch (e) {
      if (e instanceof PickleError) throw e;
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig(maxBytes);
      throw corrupt(compression, (e as Error).message);
    }
  };
  const opts = { maxOutputLength: maxBytes };
  switch (compression) {
    case 'none':
      if (b.length > maxBytes)
        throw new PickleError(
          `is larger than ${maxBytes} bytes (limit)`,
          'raise limits.max_model_bytes in mlops-report.config.json',
        );
      return { compression, stream: b };
    case 'zlib':
      return { compression, stream: bounded(() => zlib.inflateSync(b, opts)) };
    case 'gzip':
      return { compression, stream: bounded(() => zlib.gunzipSync(b, opts)) };
    case 'joblib-zfile': {
      // "ZF" + the hex length padded to 19 characters, then one zlib stream
      const header = ascii(b, 21);
      const length = Number.parseInt(header.slice(2).trim(), 16);
      if (!Number.isFinite(length)) throw new PickleError('joblib ZF header has no length');
      if (length > maxBytes)
        throw new PickleError(`decompresses to ${length} bytes, more than the limit of ${maxBytes}`);
      return { compression, stream: bounded(() => zlib.inflateSync(b.subarray(21), opts)) };
    }
    case 'bz2':
      return { compression, stream: bounded(() => bunzip2(b, maxBytes)) };
    case 'xz':
    case 'lzma':
      return { compression, stream: bounded(() => unlzmaFormat(b, compression, maxBytes, maxLzmaDictionary)) };
    case 'lz4':
      return { compression, stream: bounded(() => unlz4(b, maxBytes)) };
  }
}
