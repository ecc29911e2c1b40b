/** numpy.dtype as the pickle describes it: kind, item size, byte order, record fields. */
import { PickleError } from './pickle-error.js';

export interface DTypeField {
  readonly dtype: DType;
  readonly offset: number;
}

/**
 * The type codes numpy's own pickles write (dtype.__reduce__): kind and size, `O8` for
 * objects (`O4` on 32-bit), `U` with a count of characters. numpy.dtype() accepts many
 * other spellings ('object', 'float64', '|O'); reading them by a pattern gave wrong sizes
 * (an object array read as bytes), so any other spelling is refused.
 */
const DESCR = /^(?:(b)(1)|([iu])([1248])|(f)(2|4|8|16)|(c)(8|16|32)|(O)([48])|([SUV])(\d{1,9})|([Mm])(8))$/;

/** numpy uses the item size of a dtype's state only for these flexible kinds. */
const FLEXIBLE = new Set(['S', 'U', 'V']);

/** numpy.dtype: kind, item size, byte order, and fields for structured (record) dtypes. */
export class DType {
  kind: string;
  itemsize: number;
  byteorder = '|';
  fields: Map<string, DTypeField> | null = null;
  /** (base dtype, shape) of a subarray dtype such as ('<f8', (3,)). */
  subarray: unknown = null;

  constructor(readonly descr: string) {
    const m = DESCR.exec(descr);
    if (!m)
      throw new PickleError(
        `numpy dtype spelled ${JSON.stringify(descr.slice(0, 40))} is not how numpy writes dtypes; refusing rather than guessing its size`,
      );
    const [kind, size] = m.slice(1).filter((x) => x !== undefined) as [string, string];
    this.kind = kind;
    const n = Number.parseInt(size, 10);
    this.itemsize = kind === 'U' ? n * 4 : kind === 'O' ? 8 : n;
  }

  /** True when the array holds Python objects anywhere (numpy's dtype.hasobject): then joblib and numpy pickle it. */
  get hasObject(): boolean {
    if (this.kind === 'O') return true;
    if (this.fields) for (const f of this.fields.values()) if (f.dtype.hasObject) return true;
    const base = Array.isArray(this.subarray) ? this.subarray[0] : null;
    return base instanceof DType && base.hasObject;
  }

  /** BUILD: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]). */
  setState(state: unknown): void {
    if (!Array.isArray(state) || state.length < 6) return;
    const [, byteorder, subarray, names, fields, elsize] = state as unknown[];
    if (typeof byteorder === 'string') this.byteorder = byteorder;
    this.subarray = subarray ?? null;
    // numpy takes elsize from the state only for S, U and V; the others keep their natural size
    if (FLEXIBLE.has(this.kind) && typeof elsize === 'number' && Number.isInteger(elsize) && elsize >= 0)
      this.itemsize = elsize;
    if (Array.isArray(names) && fields instanceof Map) {
      this.fields = new Map();
      for (const name of names) {
        const f = fields.get(name);
        if (typeof name !== 'string' || !Array.isArray(f) || !(f[0] instanceof DType) || typeof f[1] !== 'number') {
          throw new PickleError(`structured dtype field ${String(name).slice(0, 40)} is malformed`);
        }
        if (f[1] < 0 || f[1] + f[0].itemsize > this.itemsize)
          throw new PickleError(`structured dtype field ${name.slice(0, 40)} lies outside its record`);
        this.fields.set(name, { dtype: f[0], offset: f[1] });
      }
    }
  }

  get littleEndian(): boolean {
    return this.byteorder !== '>';
  }

  /** numpy's own name: float64, int32, bool, object, <U5, |S3, or the record layout. */
  toString(): string {
    // numpy names non-native byte order explicitly: '>i8'
    if (this.byteorder === '>' && this.itemsize > 1 && 'fiuc'.includes(this.kind))
      return `>${this.kind}${this.itemsize}`;
    if (this.fields) return `[${[...this.fields].map(([n, f]) => `('${n}', '${f.dtype.toString()}')`).join(', ')}]`;
    switch (this.kind) {
      case 'f':
        return `float${this.itemsize * 8}`;
      case 'i':
        return `int${this.itemsize * 8}`;
      case 'u':
        return `uint${this.itemsize * 8}`;
      case 'c':
        return `complex${this.itemsize * 8}`;
      case 'b':
        return 'bool';
      case 'O':
        return 'object';
      case 'U':
        return `<U${this.itemsize / 4}`;
      case 'S':
        return `|S${this.itemsize}`;
      case 'V':
        return `|V${this.itemsize}`;
      case 'M':
        return 'datetime64';
      case 'm':
        return 'timedelta64';
      default:
        return this.descr;
    }
  }
}
