/**
 * Converts the unpickled object graph to plain JSON: cycle-safe, depth- and size-bounded
 * (a 40-level "billion laughs" DAG is a few hundred bytes of pickle), and canonical, so
 * the same value always gives the same JSON. The encoding, shared with the Python ground
 * truth generator (scripts/make-fixtures.py):
 *
 *   NaN, inf, -inf            "nan", "inf", "-inf" (Python's repr; JSON has no such numbers)
 *   ints beyond 2^53          their decimal digits as a string
 *   tuple, list, set          array
 *   dict                      object (keys as Python's json.dumps writes them)
 *   fitted/unfitted estimator {"__estimator__": "module.Class", "params": {...}}
 *   class or function         {"__global__": "module.name"}
 *   numpy dtype               {"__dtype__": "float64"}
 *   ndarray (small)           nested lists; (large) {"__ndarray__": {"dtype", "shape"}}
 *   bytes                     {"__bytes__": length}
 *   other objects             {"__object__": "module.Class"}
 */
import type { JsonValue } from '../../report-data.js';
import { DType, NDArray } from './numpy.js';
import { BigText, PyGlobal, PyObject } from './objects.js';
import { ExternalArray } from './resolver.js';
import { MAX_TEXT, cut } from '../cut.js';

export interface JsonLimits {
  /** Values visited, all conversions of one budget (one file) included; past it, the rest is marked truncated. */
  readonly maxNodes: number;
  readonly maxDepth: number;
  /** Arrays with more elements than this are summarised by dtype and shape. */
  readonly maxArrayItems: number;
  /** Characters of text written, all conversions of one budget included. */
  readonly maxChars?: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxNodes: 200_000,
  maxDepth: 40,
  maxArrayItems: 64,
  maxChars: 8 << 20,
};

/** What the conversions of one file have spent (toJson's limits bound the total, not each call). */
export interface JsonBudget {
  nodes: number;
  chars: number;
}

export const newJsonBudget = (): JsonBudget => ({ nodes: 0, chars: 0 });

export { MAX_TEXT, cut } from '../cut.js';

/** How a PyObject that is an estimator is written: decided by the estimator module. */
export type EstimatorParams = (obj: PyObject, convert: (v: unknown) => JsonValue) => Record<string, JsonValue> | null;

/** Python float to JSON: non-finite values become Python's repr. */
export function floatJson(x: number): number | string {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** A big str's text, decoding no more than cut() keeps (a 100 MB str is never decoded whole). */
function bigTextHead(v: BigText): string {
  const b = v.utf8;
  if (b.length <= 4 * MAX_TEXT) return cut(v.toString());
  const head = Buffer.from(b.buffer, b.byteOffset, 4 * MAX_TEXT)
    .toString('utf8')
    .slice(0, MAX_TEXT);
  return `${head}… (${b.length} bytes)`;
}

/** Python's json.dumps key for a dict key. */
function keyText(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k instanceof BigText) return bigTextHead(k);
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : String(floatJson(k));
  if (typeof k === 'bigint') return k.toString();
  return JSON.stringify(k) ?? String(k);
}

/** scipy sparse matrices and pandas objects: a summary, not their internals. */
export function dataSummary(v: PyObject): JsonValue | null {
  const root = v.cls.module.split('.')[0];
  if (root === 'scipy' && /sparse/.test(v.cls.module)) {
    const shape = v.attr('_shape') ?? v.attr('shape');
    const data = v.attr('data');
    return {
      __sparse__: {
        class: v.qualname,
        shape: Array.isArray(shape) ? (shape.filter((x) => typeof x === 'number') as number[]) : null,
        nnz: data instanceof NDArray ? data.size : null,
      },
    };
  }
  if (root === 'pandas') {
    // a DataFrame pickles its BlockManager in _mgr (pandas >= 1.1) or _data; the manager is
    // BlockManager(blocks, axes) (pandas >= 1.5) or carries (axes, …) as state (older); the
    // first axis holds the columns: _new_Index(cls, {'data': …})
    const mgr = v.attr('_mgr') ?? v.attr('_data');
    const axes = !(mgr instanceof PyObject)
      ? null
      : Array.isArray(mgr.state)
        ? (mgr.state as unknown[])[0]
        : mgr.args[1];
    const firstAxis = Array.isArray(axes) ? axes[0] : null;
    const spec = firstAxis instanceof PyObject ? firstAxis.args[1] : null;
    const columns = spec instanceof Map ? spec.get('data') : null;
    return {
      __pandas__: {
        class: v.cls.name,
        columns:
          columns instanceof NDArray
            ? (columns
                .toFlat(200)
                .map((c) => (typeof c === 'string' || typeof c === 'number' ? c : String(c))) as JsonValue[])
            : null,
      },
    };
  }
  return null;
}

/** Converts any unpickled value; `estimatorParams` writes nested estimators the way scikit-learn does. */
export function toJson(
  value: unknown,
  estimatorParams: EstimatorParams,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
  budget: JsonBudget = newJsonBudget(),
): JsonValue {
  const inProgress = new Set<object>();
  const maxChars = limits.maxChars ?? Number.POSITIVE_INFINITY;
  const text = (s: string, whole = false): JsonValue => {
    const t = whole ? s : cut(s);
    if ((budget.chars += t.length) > maxChars) return { __truncated__: 'too much text' };
    return t;
  };

  const convert = (v: unknown, depth: number): JsonValue => {
    if (++budget.nodes > limits.maxNodes) return { __truncated__: 'too many values' };
    if (depth > limits.maxDepth) return { __truncated__: 'nested too deep' };
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number') return floatJson(v);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof BigText) return text(bigTextHead(v), true);
    if (v instanceof Uint8Array) return { __bytes__: v.length };
    if (v instanceof DType) return { __dtype__: v.toString() };
    if (v instanceof PyGlobal) return { __global__: v.qualname };
    // a joblib < 0.10 array whose companion file was never read
    if (v instanceof ExternalArray && !v.data && !v.objects) return { __ndarray__: { file: v.filename } };
    if (typeof v !== 'object') return String(v);
    if (inProgress.has(v))
      return { __cycle__: v instanceof PyObject ? v.qualname : Array.isArray(v) ? 'list' : 'dict' };
    inProgress.add(v);
    try {
      const sub = (x: unknown): JsonValue => convert(x, depth + 1);
      if (v instanceof NDArray) {
        if (v.size > limits.maxArrayItems || v.dtype.fields || v.released)
          return { __ndarray__: { dtype: v.dtype.toString(), shape: v.shape } };
        const list = v.toList();
        return Array.isArray(list) ? list.map(sub) : sub(list);
      }
      if (Array.isArray(v)) {
        const out: JsonValue[] = [];
        for (const x of v) {
          if (budget.nodes > limits.maxNodes) {
            out.push({ __truncated__: 'too many values' });
            break;
          }
          out.push(sub(x));
        }
        return out;
      }
      if (v instanceof Map) {
        const out: Record<string, JsonValue> = {};
        for (const [k, x] of v) {
          if (budget.nodes > limits.maxNodes) break;
          out[cut(keyText(k))] = sub(x);
        }
        return out;
      }
      if (v instanceof PyObject) {
        const params = estimatorParams(v, sub);
        if (params) return { __estimator__: v.qualname, params };
        return dataSummary(v) ?? { __object__: v.qualname };
      }
      return { __object__: v.constructor?.name ?? 'object' };
    } finally {
      inProgress.delete(v);
    }
  };
  return convert(value, 0);
}
