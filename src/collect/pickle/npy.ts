/**
 * The .npy format (numpy.save), for the companion files of joblib < 0.10: a magic string,
 * a header that is a Python dict literal, then the array bytes (or, when the dtype holds
 * objects, a pickle of the values). The header is parsed as numpy parses it
 * (ast.literal_eval: a repeated key keeps its last value; exactly the keys descr,
 * fortran_order and shape), and descr is accepted only in the spellings numpy writes, so
 * we never read other bytes than numpy does.
 */
import { ByteReader } from './byte-reader.js';
import { DType, NDArray } from './numpy.js';
import { PickleError } from './pickle-error.js';

type Literal = string | number | boolean | null | Literal[] | { readonly tuple: Literal[] } | Map<Literal, Literal>;

/** A Python literal parser for the header dict: strings, ints, True/False/None, tuples, lists, dicts. */
class LiteralParser {
  private at = 0;
  constructor(
    private readonly s: string,
    private readonly name: string,
  ) {}

  private fail(what: string): never {
    throw new PickleError(`${this.name}: .npy header is not a Python literal (${what} at ${this.at})`);
  }

  private ws(): void {
    while (this.at < this.s.length && ' \t\n\r'.includes(this.s[this.at]!)) this.at++;
  }

  private eat(c: string): boolean {
    this.ws();
    if (this.s[this.at] === c) {
      this.at++;
      return true;
    }
    return false;
  }

  /** Items up to `close`, comma-separated, an optional trailing comma; `sawComma` tells a 1-tuple. */
  private items(close: string, item: () => void): { n: number; sawComma: boolean } {
    let n = 0,
      sawComma = false;
    while (!this.eat(close)) {
      if (n > 0 && !sawComma) this.fail(`expected , or ${close}`);
      item();
      n++;
      sawComma = this.eat(',');
      if (n > 10_000) this.fail('too many items');
    }
    return { n, sawComma };
  }

  value(depth = 0): Literal {
    if (depth > 8) this.fail('nested too deep');
    this.ws();
    const c = this.s[this.at];
    if (c === "'" || c === '"') return this.string(c);
    if (c === '(') {
      this.at++;
      const out: Literal[] = [];
      const { n, sawComma } = this.items(')', () => out.push(this.value(depth + 1)));
      return n === 1 && !sawComma ? out[0]! : { tuple: out };
    }
    if (c === '[') {
      this.at++;
      const out: Literal[] = [];
      this.items(']', () => out.push(this.value(depth + 1)));
      return out;
    }
    if (c === '{') {
      this.at++;
      const out = new Map<Literal, Literal>();
      this.items('}', () => {
        const k = this.value(depth + 1);
        if (!this.eat(':')) this.fail('expected :');
        out.set(k, this.value(depth + 1)); // like a dict display: a repeated key keeps its last value
      });
      return out;
    }
    const m = /^(?:True|False|None|[+-]?\d+)/.exec(this.s.slice(this.at, this.at + 24));
    if (!m) this.fail('unexpected text');
    this.at += m[0].length;
    return m[0] === 'True' ? true : m[0] === 'False' ? false : m[0] === 'None' ? null : Number(m[0]);
  }

  private string(q: string): string {
    let out = '';
    for (this.at++; this.at < this.s.length; this.at++) {
      const c = this.s[this.at]!;
      if (c === q) {
        this.at++;
        return out;
      }
      if (c === '\\') this.fail('an escape in a string'); // numpy never writes one
      out += c;
    }
    return this.fail('an unterminated string');
  }

  end(): void {
    this.ws();
    if (this.at !== this.s.length) this.fail('text after the dict');
  }
}

/** dtype.str as numpy writes it: byte order, kind, size ('<f8', '|b1', '|O', '<U5', '<M8[ns]'). */
const DESCR = /^([<>|])(b1|[iu][1248]|f(?:2|4|8|16)|c(?:8|16|32)|O|[SUV]\d{1,9}|[Mm]8(?:\[\w+\])?)$/;

function typeOf(descr: Literal, name: string): DType {
  const m = typeof descr === 'string' ? DESCR.exec(descr) : null;
  if (!m)
    throw new PickleError(
      `${name}: .npy dtype ${JSON.stringify(String(descr)).slice(0, 40)} is not spelled as numpy writes it; refusing rather than guessing its size`,
    );
  const code = m[2]!.replace(/\[\w+\]$/, '');
  const dt = new DType(code === 'O' ? 'O8' : code);
  dt.byteorder = m[1]!;
  return dt;
}

/** [('a', '<i8'), ('', '|V4'), …]: a packed record, as numpy.lib.format.descr_to_dtype builds it. */
function recordOf(list: Literal[], name: string): DType {
  const fields = new Map<string, { dtype: DType; offset: number }>();
  let offset = 0;
  for (const f of list) {
    const t = typeof f === 'object' && f !== null && 'tuple' in f ? f.tuple : null;
    if (!t || t.length !== 2 || typeof t[0] !== 'string')
      throw new PickleError(`${name}: .npy record field is not a (name, type) pair; refusing it`);
    const dt = typeOf(t[1]!, name);
    if (t[0] !== '' || dt.kind !== 'V') fields.set(t[0], { dtype: dt, offset }); // '' voids are padding
    offset += dt.itemsize;
  }
  const rec = new DType(`V${offset}`);
  rec.fields = fields;
  return rec;
}

const KEYS = ['descr', 'fortran_order', 'shape'];

/** The header dict: exactly descr, fortran_order and shape, checked as numpy checks them. */
function header(text: string, name: string): { dtype: DType; fortran: boolean; shape: number[] } {
  const p = new LiteralParser(text, name);
  const d = p.value();
  p.end();
  if (!(d instanceof Map)) throw new PickleError(`${name}: .npy header is not a dict`);
  const keys = [...d.keys()].map(String).sort();
  if (keys.join() !== KEYS.join() || [...d.keys()].some((k) => typeof k !== 'string'))
    throw new PickleError(`${name}: .npy header keys are ${keys.join(', ')}, not descr, fortran_order, shape`);
  const shape = d.get('shape'),
    fortran = d.get('fortran_order'),
    descr = d.get('descr')!;
  const dims = typeof shape === 'object' && shape !== null && 'tuple' in shape ? shape.tuple : null;
  if (!dims || !dims.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0))
    throw new PickleError(`${name}: .npy shape is not a tuple of sizes`);
  if (typeof fortran !== 'boolean') throw new PickleError(`${name}: .npy fortran_order is not True or False`);
  const dtype = Array.isArray(descr) ? recordOf(descr, name) : typeOf(descr, name);
  return { dtype, fortran, shape: dims as number[] };
}

/** Fills `array` from .npy bytes; `unpickle` reads an object payload (numpy.load uses pickle.load). */
export function readNpy(
  bytes: Uint8Array,
  name: string,
  array: NDArray,
  unpickle: (reader: ByteReader) => unknown,
): void {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || !magic.every((b, i) => bytes[i] === b)) throw new PickleError(`${name} is not a .npy file`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new PickleError(`${name}: .npy format version ${major} is not one numpy writes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLength > bytes.length) throw new PickleError(`${name}: .npy header is truncated`);
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, headerLength);
  const { dtype, fortran, shape } = header(raw.toString(major === 3 ? 'utf8' : 'latin1'), name);
  array.init(shape, dtype, fortran);
  const dataStart = start + headerLength;
  if (dtype.hasObject) {
    // numpy.save pickles the whole object array
    const inner = unpickle(new ByteReader(bytes, dataStart));
    if (!(inner instanceof NDArray) || !inner.objects)
      throw new PickleError(`${name}: object array payload is not an array`);
    array.init(inner.shape, dtype, inner.fortran);
    array.objects = inner.objects;
    return;
  }
  array.setData(bytes.subarray(dataStart));
}
