/**
 * Maps `module.name` references to values. Every reference is recorded for the safety
 * verdict; a few numpy, joblib and builtins names get decoders; conditional entries check
 * their rule on every use (rules.ts); everything else is an inert PyGlobal. Nothing is
 * ever imported.
 *
 * joblib.load reads a file with its own unpickler, whose array wrappers take their bytes
 * from the stream (or a companion file). pickle.load, which numpy and joblib use for the
 * pickles nested in object arrays, knows none of that: the "pickle" mode reads exactly
 * what pickle.load reads. The "scan" mode decodes nothing (run.ts's second view of a
 * file): only imports, rules and findings, so no decoder of ours can stop it early.
 */
export type ResolverMode = 'joblib' | 'pickle' | 'scan';

import { ByteReader } from './byte-reader.js';
import { utf8ToLatin1 } from './bytes.js';
import { judgeGlobal } from './judge.js';
import { key } from './lists.js';
import { runPickle, type MachineBudget, type Resolver } from './machine.js';
import { DType, NDArray, payloadBytes, readScalar } from './numpy.js';
import { BigText, PyGlobal } from './objects.js';
import { PickleError } from './pickle-error.js';
import { Ruled, bareFileName, ruled } from './rules.js';
import type { RuleOutcome, SafetyLog } from './safety-log.js';
import { TreeClass } from './tree-digest.js';

const HELD: RuleOutcome = { verdict: 'safe', reason: 'rule-held', detail: null };

/**
 * joblib < 0.10 kept each array in a companion .npy file and pickled only its name: an
 * NDArray that the loader fills from that file once the pickle is read. A name that is
 * not a bare file name is never read (`refused`); ZNDArrayWrapper companions (zlib) are
 * never read either.
 */
export class ExternalArray extends NDArray {
  filename: string | null = null;
  refused = false;
  constructor(
    readonly compressed: boolean,
    private readonly onName: (name: string | null) => boolean,
  ) {
    super();
  }
  override setState(state: unknown): void {
    const f = state instanceof Map ? state.get('filename') : null;
    this.filename = typeof f === 'string' ? f : f instanceof BigText ? f.toString() : null;
    this.refused = !this.onName(this.filename);
  }
}

/** Python 2 names for the modules that moved (what Python 3's fix_imports maps). */
const PY2_MODULES: Readonly<Record<string, string>> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

/** `numpy.core.x` and `numpy._core.x` (numpy 2) are the same module; joblib's old names too. */
function canonical(module: string, name: string): string {
  const m = PY2_MODULES[module] ?? module;
  return `${m
    .replace(/^numpy\._core\b/, 'numpy.core')
    .replace(/^sklearn\.externals\.joblib\b/, 'joblib')
    .replace(/^joblib\.numpy_pickle_compat$/, 'joblib.numpy_pickle')}.${name}`;
}

class Special extends PyGlobal {
  constructor(
    module: string,
    name: string,
    private readonly onCall: (args: unknown[]) => unknown,
    private readonly onNew: (args: unknown[], kwargs: Map<unknown, unknown> | null) => unknown = onCall,
  ) {
    super(module, name);
  }
  override call(args: unknown[]): unknown {
    return this.onCall(args);
  }
  override construct(args: unknown[], kwargs: Map<unknown, unknown> | null = null): unknown {
    return this.onNew(args, kwargs);
  }
}

export interface ResolverContext {
  readonly reader: ByteReader;
  readonly budget: MachineBudget;
  readonly log: SafetyLog;
  readonly mode: ResolverMode;
  /** joblib nests whole pickles for object arrays; this bounds how deep. */
  nesting: number;
  /** Arrays to fill from companion files after the parse (joblib < 0.10). */
  readonly external: ExternalArray[];
  /** Set when a NumpyArrayWrapper read its bytes from the stream (joblib ≥ 0.10). */
  sawWrapper: boolean;
}

/** Builds the resolver for one run; every reference goes to `ctx.log`. */
export function createResolver(ctx: ResolverContext): Resolver {
  const cache = new Map<string, PyGlobal>();
  const resolver: Resolver = {
    findClass(module: string, name: string): PyGlobal {
      const k = ctx.log.import(module, name);
      let g = cache.get(k);
      if (!g) {
        g = special(module, name, canonical(module, name), ctx) ?? new PyGlobal(module, name);
        const j = judgeGlobal(module, name);
        if (j.verdict === 'conditional') g = ruled(g, j.rule, k, { log: ctx.log, findClass: resolver.findClass });
        cache.set(k, g);
      }
      return g;
    },
    finding(reason, at) {
      ctx.log.finding(reason, at);
    },
    pushed(g) {
      if (g instanceof Ruled) g.refs++;
    },
    called(g) {
      if (g instanceof Ruled) g.calls++;
    },
    finish() {
      for (const g of cache.values()) if (g instanceof Ruled) g.judgeEscape();
    },
  };
  return resolver;
}

/** The same context for pickle.load's reading of a nested pickle at the reader's position. */
export function nestedContext(ctx: ResolverContext, reader: ByteReader = ctx.reader): ResolverContext {
  return { ...ctx, reader, mode: 'pickle', external: [], sawWrapper: false };
}

function special(module: string, name: string, id: string, ctx: ResolverContext): PyGlobal | null {
  if (ctx.mode === 'scan' && !id.startsWith('copyreg.')) return null;
  const make = (
    onCall: (args: unknown[]) => unknown,
    onNew?: (args: unknown[], kwargs: Map<unknown, unknown> | null) => unknown,
  ): PyGlobal => new Special(module, name, onCall, onNew);
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
        if (dtype.hasObject) return raw;
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
      return ctx.mode === 'joblib' ? make(() => joblibArray(ctx)) : null;
    case 'joblib.numpy_pickle.NDArrayWrapper':
    case 'joblib.numpy_pickle.ZNDArrayWrapper': {
      if (ctx.mode !== 'joblib') return null;
      const compressed = name === 'ZNDArrayWrapper';
      const k = key(module, name);
      return make(() => {
        const a = new ExternalArray(compressed, (file) => {
          // the companion-basename rule: joblib reads os.path.join(model folder, filename)
          const ok = file === null || bareFileName(file);
          ctx.log.outcome(k, ok ? HELD : { verdict: 'dangerous', reason: 'companion-path', detail: file });
          return ok;
        });
        ctx.external.push(a);
        return a;
      });
    }
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
      return make(([cls]) => classOf(cls).construct([]));
    case 'copyreg.__newobj__':
      return make(([cls, ...args]) => classOf(cls).construct(args));
    case 'copyreg.__newobj_ex__':
      return make(([cls, args, kwargs]) =>
        classOf(cls).construct(Array.isArray(args) ? args : [], kwargs instanceof Map ? kwargs : null),
      );
    default:
      return null;
  }
}

/** The class argument of copyreg's reconstructors; their rule (rules.ts) has checked it is a global. */
function classOf(cls: unknown): PyGlobal {
  if (!(cls instanceof PyGlobal)) throw new PickleError('copyreg reconstructor without a class');
  return cls;
}

function pairsToMap(items: unknown): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  if (Array.isArray(items)) for (const kv of items) if (Array.isArray(kv) && kv.length === 2) m.set(kv[0], kv[1]);
  return m;
}

/**
 * joblib's NumpyArrayWrapper: after its BUILD, the array itself is written into the
 * stream: for arrays holding Python objects (any object field), a nested pickle that
 * joblib reads with pickle.load; else an optional padding-length byte and padding, then
 * the raw bytes (joblib's numpy_pickle.py, read_array).
 */
function joblibArray(ctx: ResolverContext): NDArray {
  const a = new NDArray();
  ctx.sawWrapper = true;
  a.joblibReader = (array, state) => {
    const order = state.get('order');
    array.init(state.get('shape'), state.get('dtype'), order === 'F');
    if (array.dtype.hasObject) {
      if (++ctx.nesting > 8) throw new PickleError('joblib object arrays nested more than 8 deep');
      const inner = runPickle(ctx.reader, createResolver(nestedContext(ctx)), ctx.budget);
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
