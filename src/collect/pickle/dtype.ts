/** numpy.dtype as the pickle describes it: kind, item size, byte order, record fields. */
import { PickleError } from './pickle-error.js';

export interface DTypeField {
  readonly dtype: DType;
  readonly offset: number;
}

/** numpy.dtype: kind, item size, byte order, and fields for structured (record) dtypes. */
export class DType {
  kind: string;
  itemsize: number;
  byteorder = '|';
  fields: Map<string, DTypeField> | null = null;
  /** (base dtype, shape) of a subarray dtype such as ('<f8', (3,)). */
  subarray: unknown = null;

  constructor(readonly descr: string) {
    const m = /^([a-zA-Z?])(\d*)/.exec(descr);
    const c = m?.[1] ?? '?';
    // 'b1' and '?' are bool; 'b' with another size would be int8, which numpy spells 'i1'
    this.kind = c === '?' || descr === 'b1' ? 'b' : c;
    const n = m?.[2] ? Number.parseInt(m[2], 10) : 0;
    this.itemsize = this.kind === 'U' ? n * 4 : this.kind === 'b' ? 1 : n;
    if (this.kind === 'O' && this.itemsize === 0) this.itemsize = 8;
  }

  /** BUILD: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]). */
  setState(state: unknown): void {
    if (!Array.isArray(state) || state.length < 6) return;
    const [, byteorder, subarray, names, fields, elsize] = state as unknown[];
    if (typeof byteorder === 'string') this.byteorder = byteorder;
    this.subarray = subarray ?? null;
    if (typeof elsize === 'number' && elsize > 0) this.itemsize = elsize;
    if (Array.isArray(names) && fields instanceof Map) {
      this.fields = new Map();
      for (const name of names) {
        const f = fields.get(name);
        if (typeof name !== 'string' || !Array.isArray(f) || !(f[0] instanceof DType) || typeof f[1] !== 'number') {
          throw new PickleError(`structured dtype field ${String(name)} is malformed`);
        }
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
