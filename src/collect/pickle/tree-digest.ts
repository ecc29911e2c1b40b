/**
 * A fitted tree (sklearn.tree._tree.Tree) summarised the moment BUILD gives it its state:
 * the node count, the root's weighted sample count and the raw importance sums of
 * Tree.compute_feature_importances (before the division by the root's weight), in node
 * order, so the result is bit for bit scikit-learn's. Then the big node and value arrays
 * are released: a 200 MB forest is read one tree at a time instead of held whole.
 */
import { NDArray } from './numpy.js';
import { PyGlobal, PyObject } from './objects.js';
import { PickleError } from './pickle-error.js';

/** More features than any model this tool summarises (a count past it is not a feature count). */
export const MAX_FEATURES = 10_000_000;

/** Arrays smaller than this are kept (cheap, and small ones may still be shown as values). */
const RELEASE_BYTES = 64 << 10;

export interface TreeDigest {
  readonly count: number;
  readonly weighted0: number;
  /** Σ over split nodes of w·impurity − children's, per feature; length = the tree's n_features. */
  readonly raw: Float64Array;
}

/** The general path: any byte order, alignment or field type, through decoded columns. */
function fieldImportances(n: NDArray, nFeatures: number): Float64Array {
  const left = n.fieldAsFloat64('left_child'),
    right = n.fieldAsFloat64('right_child'),
    feature = n.fieldAsFloat64('feature');
  const impurity = n.fieldAsFloat64('impurity'),
    weighted = n.fieldAsFloat64('weighted_n_node_samples');
  const imp = new Float64Array(nFeatures);
  const count = left.length;
  for (let i = 0; i < count; i++) {
    const l = left[i]!,
      r = right[i]!,
      feat = feature[i]!;
    if (l === -1) continue; // leaf
    // the same checks as the fast path: a crafted node must not index past its arrays
    if (!(l >= 0 && r >= 0 && l < count && r < count && feat >= 0 && feat < nFeatures && Number.isInteger(feat)))
      throw new PickleError('a tree node points outside its tree');
    imp[feat]! += weighted[i]! * impurity[i]! - weighted[l]! * impurity[l]! - weighted[r]! * impurity[r]!;
  }
  return imp;
}

/**
 * The common case, read in place: little-endian nodes with 8-aligned int64 children and
 * feature and float64 impurity and weight (both layouts). One pass, no copies of fields.
 */
function rawImportances(nodes: NDArray, nFeatures: number): Float64Array | null {
  const f = nodes.dtype.fields!,
    step = nodes.dtype.itemsize;
  const names = ['left_child', 'right_child', 'feature', 'impurity', 'weighted_n_node_samples'] as const;
  const fs = names.map((n) => f.get(n));
  const ok =
    step % 8 === 0 &&
    fs.every(
      (x, i) =>
        x &&
        x.dtype.littleEndian &&
        x.offset % 8 === 0 &&
        x.dtype.itemsize === 8 &&
        x.dtype.kind === (i < 3 ? 'i' : 'f'),
    );
  if (!ok) return null;
  const b = nodes.alignedData();
  const n = nodes.size,
    s8 = step / 8;
  if (b.length < n * step) return null;
  const f64 = new Float64Array(b.buffer, b.byteOffset, n * s8);
  const i32 = new Int32Array(b.buffer, b.byteOffset, n * s8 * 2);
  // int64 indices below 2^31 are their low word; the high word is 0 or -1 (for -1)
  const [oL, oR, oF] = [fs[0]!.offset / 4, fs[1]!.offset / 4, fs[2]!.offset / 4];
  const [oI, oW] = [fs[3]!.offset / 8, fs[4]!.offset / 8];
  const imp = new Float64Array(nFeatures);
  for (let i = 0; i < n; i++) {
    const base4 = i * s8 * 2;
    const l = i32[base4 + oL]!;
    if (l === -1) continue; // leaf
    const r = i32[base4 + oR]!,
      feat = i32[base4 + oF]!;
    if (l < 0 || r < 0 || l >= n || r >= n || feat < 0 || feat >= nFeatures)
      throw new PickleError('a tree node points outside its tree');
    const base8 = i * s8;
    imp[feat]! +=
      f64[base8 + oW]! * f64[base8 + oI]! -
      f64[l * s8 + oW]! * f64[l * s8 + oI]! -
      f64[r * s8 + oW]! * f64[r * s8 + oI]!;
  }
  return imp;
}

function digestOf(tree: PyObject): TreeDigest | null {
  const nodes = tree.attr('nodes');
  if (!(nodes instanceof NDArray) || !nodes.dtype.fields?.has('weighted_n_node_samples') || nodes.size === 0)
    return null;
  const declared = tree.args[0]; // Tree(n_features, n_classes, n_outputs)
  let nFeatures = typeof declared === 'number' && declared > 0 ? declared : -1;
  if (nFeatures < 0) {
    // no declared width (a crafted or unusual file): the widest feature a node uses
    for (const f of nodes.fieldAsFloat64('feature')) if (f + 1 > nFeatures) nFeatures = f + 1;
  }
  if (!(nFeatures >= 1 && nFeatures <= MAX_FEATURES && Number.isInteger(nFeatures)))
    throw new PickleError(`a tree declares ${nFeatures} features, not a feature count`);
  return {
    count: nodes.size,
    weighted0: nodes.fieldAsFloat64Head('weighted_n_node_samples'),
    raw: rawImportances(nodes, nFeatures) ?? fieldImportances(nodes, nFeatures),
  };
}

/** A Tree whose state is digested, then its big arrays released, at BUILD. */
export class TreeObject extends PyObject {
  digest: TreeDigest | null = null;
  /** A malformed tree fails when its importances are asked for, as before, not while the file is read. */
  failure: PickleError | null = null;

  override setState(state: unknown): void {
    super.setState(state);
    try {
      this.digest = digestOf(this);
    } catch (e) {
      if (!(e instanceof PickleError)) throw e;
      this.failure = e;
      return;
    }
    if (this.digest) for (const key of ['nodes', 'values']) release(this.attr(key));
  }

  /** The digest, taken now if the arrays were filled after BUILD (joblib < 0.10 companion files). */
  summary(): TreeDigest | null {
    if (this.failure) throw this.failure;
    return (this.digest ??= digestOf(this));
  }
}

/** sklearn.tree._tree.Tree: its instances digest themselves. */
export class TreeClass extends PyGlobal {
  override call(args: unknown[]): unknown {
    return new TreeObject(this, 'call', args);
  }
  override construct(args: unknown[], kwargs: Map<unknown, unknown> | null = null): unknown {
    return new TreeObject(this, 'new', args, kwargs);
  }
}

/**
 * Drops a big array's bytes. A streamed payload owns its ArrayBuffer, which the memo
 * still references: transferring it away (structuredClone) frees the memory under every
 * reference. A view of an in-memory file is only dropped from the array.
 */
function release(a: unknown): void {
  if (!(a instanceof NDArray) || !a.data || a.data.length < RELEASE_BYTES) return;
  const b = a.data;
  if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
    structuredClone(b.buffer, { transfer: [b.buffer] });
  a.data = null;
  a.released = true;
}
