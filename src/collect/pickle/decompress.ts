/**
 * The compressors joblib offers beyond zlib and gzip. Each is bounded by `maxBytes` of
 * output:
 * - bz2 (seek-bzip, pure JS) writes through our own byte sink, which stops at the limit;
 * - xz and lzma (@napi-rs/lzma) decode in one native call, so the size the file declares
 *   (the xz index, the lzma header) is checked first, and the output again after;
 * - lz4 (lz4-napi, frame format) cannot expand more than 255:1; the output is checked after.
 * The native packages are loaded only when such a file is met.
 */
import { createRequire } from 'node:module';
import { PickleError } from './pickle-error.js';

const require = createRequire(import.meta.url);

function tooBig(maxBytes: number): PickleError {
  return new PickleError(
    `decompresses to more than ${maxBytes} bytes (limit)`,
    'if the model is genuine, raise limits.max_model_bytes in mlops-report.config.json',
  );
}

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

/** Reads an xz/lzma variable-length integer at `at`; returns [value, next offset]. */
function varint(b: Uint8Array, at: number): [number, number] {
  let v = 0,
    shift = 0,
    i = at;
  for (; i < b.length && i < at + 9; i++) {
    v += (b[i]! & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b[i]! & 0x80) === 0) return [v, i + 1];
  }
  throw new PickleError('xz index is corrupt');
}

/** The uncompressed size the last xz stream's index declares (sum of its blocks). */
export function xzDeclaredSize(b: Uint8Array): number {
  if (b.length < 24 || b[b.length - 2] !== 0x59 || b[b.length - 1] !== 0x5a)
    throw new PickleError('xz data is truncated (no stream footer)');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const indexSize = (view.getUint32(b.length - 8, true) + 1) * 4;
  let at = b.length - 12 - indexSize;
  if (at < 12 || b[at] !== 0) throw new PickleError('xz index is corrupt');
  let records: number,
    size: number,
    total = 0;
  [records, at] = varint(b, at + 1);
  for (let r = 0; r < records; r++) {
    [, at] = varint(b, at); // unpadded size
    [size, at] = varint(b, at);
    total += size;
  }
  return total;
}

interface NapiLzma {
  xz: { decompressSync(input: Uint8Array): Buffer };
  lzma: { decompressSync(input: Uint8Array): Buffer };
}

function checked(out: Uint8Array, maxBytes: number): Uint8Array {
  if (out.length > maxBytes) throw tooBig(maxBytes);
  return out;
}

export function unxz(b: Uint8Array, maxBytes: number): Uint8Array {
  if (xzDeclaredSize(b) > maxBytes) throw tooBig(maxBytes);
  return checked((require('@napi-rs/lzma') as NapiLzma).xz.decompressSync(b), maxBytes);
}

export function unlzma(b: Uint8Array, maxBytes: number): Uint8Array {
  // LZMA "alone" header: properties (1), dictionary size (4), uncompressed size (8, all ones = unknown)
  if (b.length < 13) throw new PickleError('lzma data is truncated');
  const declared = new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(5, true);
  if (declared !== 0xffffffffffffffffn && declared > BigInt(maxBytes)) throw tooBig(maxBytes);
  return checked((require('@napi-rs/lzma') as NapiLzma).lzma.decompressSync(b), maxBytes);
}

/** lz4 never expands more than 255:1, so memory stays within 255 times the file's size. */
export function unlz4(b: Uint8Array, maxBytes: number): Uint8Array {
  const lz4 = require('lz4-napi') as { decompressFrameSync(data: Buffer): Buffer };
  return checked(lz4.decompressFrameSync(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), maxBytes);
}
