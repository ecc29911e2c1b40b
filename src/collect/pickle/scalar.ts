/** One numpy element, decoded from its bytes by dtype (numbers, strings, booleans). */
import type { DType } from './dtype.js';
import { PickleError } from './pickle-error.js';

const exactInt = (b: bigint): number | bigint => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b);

function float16(h: number): number {
  const s = h & 0x8000 ? -1 : 1,
    e = (h >> 10) & 0x1f,
    f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** One element of a non-record dtype at byte offset `off`. */
export function readScalar(dv: DataView, off: number, dt: DType): unknown {
  const le = dt.littleEndian;
  const size = dt.itemsize;
  // a crafted dtype (a field offset or item size that lies) must not read past the payload
  if (off < 0 || size <= 0 || off + size > dv.byteLength)
    throw new PickleError(
      `array element at byte ${off} (${size} bytes) lies outside its ${dv.byteLength}-byte payload`,
    );
  switch (dt.kind) {
    case 'f':
      if (size === 8) return dv.getFloat64(off, le);
      if (size === 4) return dv.getFloat32(off, le);
      if (size === 2) return float16(dv.getUint16(off, le));
      break;
    case 'i':
    case 'M':
    case 'm':
      if (size === 8) return exactInt(dv.getBigInt64(off, le));
      if (size === 4) return dv.getInt32(off, le);
      if (size === 2) return dv.getInt16(off, le);
      if (size === 1) return dv.getInt8(off);
      break;
    case 'u':
      if (size === 8) return exactInt(dv.getBigUint64(off, le));
      if (size === 4) return dv.getUint32(off, le);
      if (size === 2) return dv.getUint16(off, le);
      if (size === 1) return dv.getUint8(off);
      break;
    case 'b':
      return dv.getUint8(off) !== 0;
    case 'c': {
      const half = size / 2;
      const re = half === 8 ? dv.getFloat64(off, le) : dv.getFloat32(off, le);
      const im = half === 8 ? dv.getFloat64(off + half, le) : dv.getFloat32(off + half, le);
      return { real: re, imag: im };
    }
    case 'U': {
      let s = '';
      for (let i = 0; i < size; i += 4) {
        const cp = dv.getUint32(off + i, le);
        if (cp === 0) break;
        if (cp > 0x10ffff) throw new PickleError('a numpy unicode string holds an invalid code point');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    case 'S': {
      let s = '';
      for (let i = 0; i < size; i++) {
        const c = dv.getUint8(off + i);
        if (c === 0) break;
        s += String.fromCharCode(c);
      }
      return s;
    }
    case 'V':
      return new Uint8Array(dv.buffer, dv.byteOffset + off, size);
  }
  throw new PickleError(`numpy dtype ${dt.descr} (${dt.byteorder}) is not supported`);
}
