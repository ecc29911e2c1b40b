/**
 * The compressors joblib offers beyond zlib and gzip, for bytes in memory. Each is bounded
 * by `maxBytes` of output:
 * - bz2 (seek-bzip, pure JS) writes through our own byte sink, which stops at the limit;
 * - xz and lzma: our own decoder (lzma-source.ts), in bounded steps, whatever the file declares;
 * - lz4 (lz4-napi, frame format) cannot expand more than 255:1; the output is checked after.
 * The packages are loaded only when such a file is met.
 */
import { createRequire } from 'node:module';
import { guardFor, tooBig } from './decode-guard.js';
import { memoryReader } from './lzma-input.js';
import { decodeAll, DEFAULT_MAX_DICTIONARY, type LzmaFormat } from './lzma-source.js';

const require = createRequire(import.meta.url);

/** A growable output that refuses to grow past the limit. */
class BoundedSink {
  buffer = new Uint8Array(1 << 16);
  pos = 0;
  constructor(private readonly max: number) {}
  writeByte(b: number): void {
    if (this.pos >= this.buffer.length) {
      if (this.pos >= this.max) throw tooBig(this.max);
      const next = new Uint8Array(Math.min(this.buffer.length * 2, this.max));
      next.set(this.buffer);
      this.buffer = next;
    }
    this.buffer[this.pos++] = b;
  }
  result(): Uint8Array {
    return this.buffer.subarray(0, this.pos);
  }
}

interface SeekBzip {
  decode(input: Uint8Array, output: { writeByte(b: number): void }, multistream?: boolean): unknown;
}

export function bunzip2(b: Uint8Array, maxBytes: number): Uint8Array {
  const bz = require('seek-bzip') as SeekBzip;
  const sink = new BoundedSink(maxBytes);
  bz.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), sink, true);
  return sink.result();
}

function checked(out: Uint8Array, maxBytes: number): Uint8Array {
  if (out.length > maxBytes) throw tooBig(maxBytes);
  return out;
}

/** xz or lzma bytes in memory, decoded by our own decoder in bounded steps (lzma-source.ts). */
export function unlzmaFormat(
  b: Uint8Array,
  format: LzmaFormat,
  maxBytes: number,
  maxDictionary = DEFAULT_MAX_DICTIONARY,
): Uint8Array {
  const guard = guardFor({ maxModelBytes: maxBytes });
  return decodeAll(memoryReader(b), format, { ...guard, maxDictionary });
}

/** lz4 never expands more than 255:1, so memory stays within 255 times the file's size. */
export function unlz4(b: Uint8Array, maxBytes: number): Uint8Array {
  const lz4 = require('lz4-napi') as { decompressFrameSync(data: Buffer): Buffer };
  return checked(lz4.decompressFrameSync(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), maxBytes);
}
