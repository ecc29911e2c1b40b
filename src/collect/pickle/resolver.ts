/**
 * Maps `module.name` references to values. Every reference is recorded for the safety
 * verdict; a few numpy, joblib and builtins names get decoders; everything else is an
 * inert PyGlobal. Nothing is ever imported.
 */
import { ByteReader } from './byte-reader.js';
import { utf8ToLatin1 } from './bytes.js';
import { runPickle, type MachineBudget, type Resolver } from './machine.js';
import { DType, NDArray, payloadBytes, readScalar } from './numpy.js';
import { BigText, PyGlobal } from './objects.js';
import { PickleError } from './pickle-error.js';
import { TreeClass } from './tree-digest.js';

/**
 * joblib < 0.10 kept each array in a companion .npy file and pickled only its name: an
 * NDArray that the loader fills from that file once the pickle is read.
 */
export class ExternalArray extends NDArray {
  filename: string | null = null;
  override setState(state: unknown): void {
    const f = state instanceof Map ? state.get('filename') : null;
    this.filename = typeof f === 'string' ? f : null;
  }
}

/** Python 2 names for the modules that moved (what Python 3's fix_imports maps). */
const PY2_MODULES: Readonly<Record<string, string>> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

/** `numpy.core.x` and `numpy._core.x` (numpy 2) are the same module. */
function canonical(module: string, name: string): string {
  const m = PY2_MODULES[module] ?? module;
  return `${m.replace(/^numpy\._core\b/, 'numpy.core')}.${name}`;
}

class Special extends PyGlobal {
  constructor(
    module: string,
    name: string,
    private readonly onCall: (args: unknown[]) => unknown,
    private readonly onNew: (args: unknown[]) => unknown = onCall,
  ) {
    super(module, name);
  }
  override call(args: unknown[]): unknown {
    return this.onCall(args);
  }
  override construct(args: unknown[]): unknown {
    return this.onNew(args);
  }
}

export interface ResolverContext {
  readonly reader: ByteReader;
  readonly budget: MachineBudget;
  /** joblib nests whole pickles for object arrays; this bounds how deep. */
  nesting: number;
  /** Arrays to fill from companion files after the parse (joblib < 0.10). */
  readonly external: ExternalArray[];
}

/** Builds the resolver for one file; `imports` receives every reference, in order of first use. */
export function createResolver(ctx: ResolverContext, imports: Map<string, number>): Resolver {
  const cache = new Map<string, PyGlobal>();
  const resolver: Resolver = {
    findClass(module: string, name: string): PyGlobal {
      const key = `${module}.${name}`;
      imports.set(key, (imports.get(key) ?? 0) + 1);
      let g = cache.get(key);
      if (!g) {
        g = special(module, name, canonical(module, name), ctx, resolver) ?? new PyGlobal(module, name);
        cache.set(key, g);
      }
      return g;
    },
  };
  return resolver;
}

function special(module: string, name: string, id: string, ctx: ResolverContext, resolver: Resolver): PyGlobal | null {
  const make = (onCall: (args: unknown[]) => unknown, onNew?: (args: unknown[]) => unknown): PyGlobal =>
    new Special(module, name, onCall, onNew);
  switch (id) {
    case 'numpy.core.multiarray._reconstruct':
      return make(() => new NDArray());
    case 'numpy.core.numeric._frombuffer':
      return make(([buf, dtype, shape, order]) => {
        const a = new NDArray();
        a.init(shape, dtype, order === 'F');
        a.setData(payloadBytes(buf));
        return a;
      });
    case 'numpy.core.multiarray.scalar':
      return make(([dtype, raw]) => {
        if (!(dtype instanceof DType)) throw new PickleError('numpy scalar without a dtype');
        if (dtype.kind === 'O') return raw;
        const b = payloadBytes(raw);
        if (b.length < dtype.itemsize) throw new PickleError(`numpy ${dtype} scalar needs ${dtype.itemsize} bytes`);
        return readScalar(new DataView(b.buffer, b.byteOffset, b.byteLength), 0, dtype);
      });
    case 'numpy.dtype':
      return make(([descr]) => {
        if (typeof descr !== 'string') throw new PickleError('numpy.dtype without a type code');
        return new DType(descr);
      });
    case 'joblib.numpy_pickle.NumpyArrayWrapper':
    case 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper':
      return make(() => joblibArray(ctx, resolver));
    case 'joblib.numpy_pickle.NDArrayWrapper':
    case 'sklearn.externals.joblib.numpy_pickle.NDArrayWrapper':
      return make(() => {
        const a = new ExternalArray();
        ctx.external.push(a);
        return a;
      });
    case '_codecs.encode':
      // protocol 2 spells Python 3 bytes as _codecs.encode(latin1_text, 'latin1')
      return make(([s]) => (s instanceof BigText ? utf8ToLatin1(s.utf8) : payloadBytes(s)));
    case 'builtins.bytes':
    case 'builtins.bytearray':
      return make(([x]) =>
        x === undefined ? new Uint8Array(0) : Array.isArray(x) ? Uint8Array.from(x as number[]) : payloadBytes(x),
      );
    case 'builtins.set':
    case 'builtins.frozenset':
      return make(([items]) => (Array.isArray(items) ? [...(items as unknown[])] : []));
    case 'collections.OrderedDict':
    case 'collections.defaultdict':
      return make(([items]) => pairsToMap(name === 'OrderedDict' ? items : undefined));
    case 'sklearn.tree._tree.Tree':
      return new TreeClass(module, name); // digests each tree at BUILD and releases its arrays
    case 'copyreg._reconstructor':
      // (cls, base, state): object.__new__(cls) for the classes scikit-learn pickles
      return make(([cls]) => {
        if (!(cls instanceof PyGlobal)) throw new PickleError('copyreg._reconstructor without a class');
        return cls.construct([]);
      });
    case 'copyreg.__newobj__':
      return make(([cls, ...args]) => {
        if (!(cls instanceof PyGlobal)) throw new PickleError('copyreg.__newobj__ without a class');
        return cls.construct(args);
      });
    default:
      return null;
  }
}

function pairsToMap(items: unknown): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  if (Array.isArray(items)) for (const kv of items) if (Array.isArray(kv) && kv.length === 2) m.set(kv[0], kv[1]);
  return m;
}

/**
 * joblib's NumpyArrayWrapper: after its BUILD, the array itself is written into the
 * stream: a nested protocol-2 pickle for object arrays, else an optional padding-length
 * byte and padding, then the raw bytes (joblib's numpy_pickle.py, read_array). A generic unpickler that
 * ignores this reads array bytes as opcodes, or returns the wrong object.
 */
function joblibArray(ctx: ResolverContext, resolver: Resolver): NDArray {
  const a = new NDArray();
  a.joblibReader = (array, state) => {
    const order = state.get('order');
    array.init(state.get('shape'), state.get('dtype'), order === 'F');
    if (array.dtype.kind === 'O') {
      if (++ctx.nesting > 8) throw new PickleError('joblib object arrays nested more than 8 deep');
      const inner = runPickle(ctx.reader, resolver, ctx.budget);
      ctx.nesting--;
      if (!(inner instanceof NDArray) || !inner.objects)
        throw new PickleError('joblib object array payload is not an array');
      array.shape = inner.shape;
      array.fortran = inner.fortran;
      array.objects = inner.objects;
      return;
    }
    const align = state.get('numpy_array_alignment_bytes');
    if (align !== undefined && align !== null) ctx.reader.skip(ctx.reader.byte());
    array.setData(ctx.reader.take(array.size * array.dtype.itemsize));
  };
  return a;
}
