/**
 * The .npy format (numpy.save), for the companion files of joblib < 0.10: a magic string,
 * a header that is a Python dict literal, then the array bytes (or, for dtype=object, a
 * pickle of the values).
 */
import { ByteReader, latin1String } from './byte-reader.js';
import { DType, NDArray } from './numpy.js';
import { PickleError } from './pickle-error.js';

/** '<f8' → DType with its byte order. */
function typeOf(descr: string): DType {
  const dt = new DType(descr.replace(/^[<>|=]/, ''));
  dt.byteorder = /^[<>|=]/.test(descr) ? descr[0]! : '|';
  return dt;
}

/** [('a', '<i8'), ('', '|V4'), …]: a packed record; unnamed entries are padding. */
function recordOf(list: string): DType {
  const fields = new Map<string, { dtype: DType; offset: number }>();
  let offset = 0;
  for (const [, field, descr] of list.matchAll(/\('([^']*)',\s*'([^']+)'\)/g)) {
    const dt = typeOf(descr!);
    if (field) fields.set(field, { dtype: dt, offset });
    offset += dt.itemsize;
  }
  const rec = new DType(`V${offset}`);
  rec.fields = fields;
  return rec;
}

/** Fills `array` from .npy bytes; `unpickle` reads the object-array payload. */
export function readNpy(
  bytes: Uint8Array,
  name: string,
  array: NDArray,
  unpickle: (reader: ByteReader) => unknown,
): void {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (!magic.every((b, i) => bytes[i] === b)) throw new PickleError(`${name} is not a .npy file`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = latin1String(bytes.subarray(start, start + headerLength));
  const simple = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const record = /'descr':\s*(\[[^\]]*\])/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if ((!simple && !record) || shapeText === undefined) throw new PickleError(`${name}: .npy header not understood`);
  const shape = shapeText
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => Number.parseInt(x, 10));
  const dtype = simple ? typeOf(simple) : recordOf(record!);
  array.init(shape, dtype, fortran);
  const dataStart = start + headerLength;
  if (dtype.kind === 'O') {
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
