/**
 * The integrity check an xz stream carries after each block (its header names which):
 * none, CRC32, CRC64 (what Python's lzma module and so joblib write) or SHA-256. The other
 * ids are reserved: their size is known, their value is skipped (as liblzma does).
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Bytes of the check of type `id` (0–15), by the xz format's table. */
export const checkSize = (id: number): number => (id === 0 ? 0 : 4 << Math.floor((id - 1) / 3));

export const CHECK_NAMES: Readonly<Record<number, string>> = { 0: 'none', 1: 'CRC32', 4: 'CRC64', 10: 'SHA-256' };

// CRC64 as xz defines it (ECMA-182 polynomial, bits reflected), four bytes at a time
// ("slicing by 4": table k holds a byte's effect followed by k zero bytes); the 64-bit
// value is kept as two 32-bit halves, in Int32Arrays (V8 keeps int32 values unboxed).
const POLY_HI = 0xc96c5795,
  POLY_LO = 0xd7870f42;
const T_HI = new Int32Array(4 * 256),
  T_LO = new Int32Array(4 * 256);
for (let i = 0; i < 256; i++) {
  let hi = 0,
    lo = i;
  for (let k = 0; k < 8; k++) {
    const odd = lo & 1;
    lo = ((lo >>> 1) | (hi << 31)) >>> 0;
    hi = hi >>> 1;
    if (odd) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  T_HI[i] = hi;
  T_LO[i] = lo;
}
for (let t = 256; t < 4 * 256; t++) {
  // one more zero byte after table t - 256's entry
  const hi = T_HI[t - 256]!,
    lo = T_LO[t - 256]!,
    x = lo & 0xff;
  T_LO[t] = ((lo >>> 8) | (hi << 24)) ^ T_LO[x]!;
  T_HI[t] = (hi >>> 8) ^ T_HI[x]!;
}

/** A running check over a block's uncompressed bytes; the value comes out as xz stores it (little-endian). */
export class BlockCheck {
  private c32 = 0;
  private hi = -1; // all ones, as int32
  private lo = -1;
  private hash: Hash | null = null;

  constructor(readonly id: number) {
    if (id === 10) this.hash = createHash('sha256');
  }

  update(b: Uint8Array): void {
    if (this.id === 1) this.c32 = crc32(b, this.c32);
    else if (this.id === 4) this.crc64(b);
    else this.hash?.update(b);
  }

  private crc64(b: Uint8Array): void {
    let hi = this.hi,
      lo = this.lo,
      i = 0;
    for (const end4 = b.length & ~3; i < end4; i += 4) {
      const x = lo ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
      const a = 768 + (x & 0xff),
        c = 512 + ((x >>> 8) & 0xff),
        d = 256 + ((x >>> 16) & 0xff),
        e = x >>> 24;
      lo = hi ^ T_LO[a]! ^ T_LO[c]! ^ T_LO[d]! ^ T_LO[e]!;
      hi = T_HI[a]! ^ T_HI[c]! ^ T_HI[d]! ^ T_HI[e]!;
    }
    for (; i < b.length; i++) {
      const t = (lo ^ b[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ T_LO[t]!;
      hi = (hi >>> 8) ^ T_HI[t]!;
    }
    this.hi = hi;
    this.lo = lo;
  }

  /** True when `stored` (the bytes after the block) is this check's value, or the check is one we skip. */
  matches(stored: Uint8Array): boolean {
    const expected = this.value();
    return expected === null || Buffer.from(expected).equals(Buffer.from(stored));
  }

  private value(): Uint8Array | null {
    const out = Buffer.alloc(8);
    switch (this.id) {
      case 0:
        return new Uint8Array(0);
      case 1:
        out.writeUInt32LE(this.c32 >>> 0, 0);
        return out.subarray(0, 4);
      case 4:
        out.writeUInt32LE(~this.lo >>> 0, 0);
        out.writeUInt32LE(~this.hi >>> 0, 4);
        return out;
      case 10:
        return this.hash!.digest();
      default:
        return null;
    }
  }
}
