/**
 * numpy arrays as the pickle describes them, decoded without numpy. Arrays keep a
 * zero-copy view of their bytes; elements are decoded only when asked for.
 */
import { BigText } from './objects.js';
import { PickleError } from './pickle-error.js';
import { latin1ToBytes } from './bytes.js';
import { DType } from './dtype.js';
import { readScalar } from './scalar.js';

export { DType, type DTypeField } from './dtype.js';
export { readScalar } from './scalar.js';

/** Turns what a pickle stores as array bytes (bytes, a latin-1 str, a big str) into bytes. */
export function payloadBytes(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  if (typeof raw === 'string') return latin1ToBytes(raw);
  if (raw instanceof BigText) return latin1ToBytes(raw.toString());
  if (raw === null || raw === undefined) return new Uint8Array(0);
  throw new PickleError('an array payload is neither bytes nor a string');
}

/** A numpy ndarray: shape, dtype, and either raw bytes or (dtype=object) a list of values. */
export class NDArray {
  shape: number[] = [];
  dtype: DType = new DType('f8');
  fortran = false;
  data: Uint8Array | null = null;
  /** The bytes were dropped once read (a tree's nodes, tree-digest.ts): only shape and dtype remain. */
  released = false;
  objects: unknown[] | null = null;
  /** Set when the array came from a joblib NumpyArrayWrapper. */
  joblibReader: ((array: NDArray, state: Map<unknown, unknown>) => void) | null = null;

  get size(): number {
    let n = 1;
    for (const d of this.shape) n *= d;
    return n;
  }

  /** BUILD: ndarray.__setstate__, or joblib's wrapper whose payload follows in the stream. */
  setState(state: unknown): void {
    if (this.joblibReader) {
      if (!(state instanceof Map)) throw new PickleError('joblib array wrapper without its state dict');
      this.joblibReader(this, state);
      return;
    }
    if (!Array.isArray(state) || state.length < 4) throw new PickleError('ndarray state is not a tuple');
    const [shape, dtype, fortran, raw] = (state.length >= 5 ? state.slice(1) : state) as unknown[];
    this.init(shape, dtype, fortran === true || fortran === 1);
    // numpy pickles the elements as a list whenever the dtype holds objects anywhere
    if (this.dtype.hasObject) {
      if (!Array.isArray(raw)) throw new PickleError('object array without its list of values');
      this.objects = raw;
    } else {
      this.setData(payloadBytes(raw));
    }
  }

  init(shape: unknown, dtype: unknown, fortran: boolean): void {
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
      throw new PickleError('array shape is not a tuple of sizes');
    }
    if (!(dtype instanceof DType)) throw new PickleError('array dtype is missing');
    this.shape = shape as number[];
    this.dtype = dtype;
    this.fortran = fortran;
  }

  setData(bytes: Uint8Array): void {
    const need = this.size * this.dtype.itemsize;
    if (bytes.length < need) {
      throw new PickleError(
        `array of shape (${this.shape.join(', ')}) ${this.dtype} needs ${need} bytes, the file holds ${bytes.length}`,
      );
    }
    this.data = bytes.subarray(0, need);
  }

  private view(): DataView {
    if (this.released) throw new PickleError('array bytes were released after use');
    const b = this.data ?? new Uint8Array(0);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Element i in memory order, decoded (records become plain objects). */
  private element(dv: DataView, i: number): unknown {
    const dt = this.dtype;
    if (dt.fields) {
      const rec: Record<string, unknown> = {};
      for (const [name, f] of dt.fields) rec[name] = readScalar(dv, i * dt.itemsize + f.offset, f.dtype);
      return rec;
    }
    return readScalar(dv, i * dt.itemsize, dt);
  }

  /** All elements, flattened in C order, like ndarray.ravel().tolist(). */
  toFlat(limit = Number.POSITIVE_INFINITY): unknown[] {
    const n = Math.min(this.size, limit);
    const src = this.objects;
    const dv = src ? null : this.view();
    const at = (i: number): unknown => (src ? src[i] : this.element(dv!, i));
    const out = new Array<unknown>(n);
    if (!this.fortran || this.shape.length < 2) {
      for (let i = 0; i < n; i++) out[i] = at(i);
      return out;
    }
    for (let c = 0; c < n; c++) out[c] = at(fortranIndex(c, this.shape));
    return out;
  }

  /** Nested lists like ndarray.tolist(). */
  toList(): unknown {
    const flat = this.toFlat();
    if (this.shape.length === 0) return flat[0];
    const build = (dim: number, off: number): unknown[] => {
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      const out: unknown[] = [];
      for (let i = 0; i < this.shape[dim]!; i++) {
        out.push(dim === this.shape.length - 1 ? flat[off + i] : build(dim + 1, off + i * stride));
      }
      return out;
    };
    return build(0, 0);
  }

  /**
   * The payload at an 8-byte-aligned address: joblib and the streamed reader align arrays,
   * a plain pickle read in memory does not; its copy is temporary, never kept.
   */
  alignedData(): Uint8Array {
    if (this.released) throw new PickleError('array bytes were released after use');
    const b = this.data ?? new Uint8Array(0);
    return b.byteOffset % 8 === 0 ? b : new Uint8Array(b);
  }

  /**
   * Column `name` of a record array as float64 values, read by field offset (any node
   * layout). Little-endian f8, i8 and i4 fields, the tree node fields, read through typed
   * array views with a stride: millions of nodes in milliseconds.
   */
  fieldAsFloat64(name: string): Float64Array {
    const f = this.dtype.fields?.get(name);
    if (!f) throw new PickleError(`array has no field ${name}`);
    const n = this.size,
      out = new Float64Array(n),
      step = this.dtype.itemsize;
    const ft = f.dtype,
      fast = ft.littleEndian && step % 4 === 0 && f.offset % 4 === 0 && f.offset + ft.itemsize <= step;
    if (
      fast &&
      ((ft.kind === 'f' && ft.itemsize === 8) || (ft.kind === 'i' && (ft.itemsize === 8 || ft.itemsize === 4)))
    ) {
      const b = this.alignedData();
      if (b.length < n * step) throw new PickleError('record array is shorter than its shape says');
      const i32 = new Int32Array(b.buffer, b.byteOffset, Math.floor(b.length / 4));
      const s4 = step / 4,
        o4 = f.offset / 4;
      if (ft.kind === 'i' && ft.itemsize === 4) {
        for (let i = 0; i < n; i++) out[i] = i32[i * s4 + o4]!;
      } else if (ft.kind === 'i') {
        // int64 as two int32 words (little-endian): exact for every value a node index or count takes
        for (let i = 0, at = o4; i < n; i++, at += s4) out[i] = i32[at + 1]! * 4294967296 + (i32[at]! >>> 0);
      } else if (f.offset % 8 === 0 && step % 8 === 0) {
        const f64 = new Float64Array(b.buffer, b.byteOffset, Math.floor(b.length / 8));
        for (let i = 0, at = f.offset / 8, s8 = step / 8; i < n; i++, at += s8) out[i] = f64[at]!;
      } else {
        const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
        for (let i = 0; i < n; i++) out[i] = dv.getFloat64(i * step + f.offset, true);
      }
      return out;
    }
    const dv = this.view();
    for (let i = 0; i < n; i++) out[i] = Number(readScalar(dv, i * step + f.offset, f.dtype));
    return out;
  }

  /** The first record's `name` field as a number. */
  fieldAsFloat64Head(name: string): number {
    const f = this.dtype.fields?.get(name);
    if (!f) throw new PickleError(`array has no field ${name}`);
    return Number(readScalar(this.view(), f.offset, f.dtype));
  }

  /** The elements as float64, C order. */
  toFloat64(): Float64Array {
    const dt = this.dtype;
    if (dt.kind === 'f' && dt.itemsize === 8 && dt.littleEndian && !this.fortran && this.data) {
      const b = this.data;
      if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, b.length / 8);
      return new Float64Array(new Uint8Array(b).buffer); // a copy: plain pickles do not align payloads
    }
    return Float64Array.from(this.toFlat(), (v) => Number(v));
  }
}

/** Memory index (Fortran order) of the c-th element in C order. */
function fortranIndex(c: number, shape: number[]): number {
  let f = 0,
    mul = 1,
    rest = c;
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = rest % shape[d]!;
    rest = Math.floor(rest / shape[d]!);
  }
  for (let d = 0; d < shape.length; d++) {
    f += idx[d]! * mul;
    mul *= shape[d]!;
  }
  return f;
}
