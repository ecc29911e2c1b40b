/**
 * Feature importances recomputed from the fitted trees, bit for bit as scikit-learn's
 * `feature_importances_` (Tree.compute_feature_importances, then the ensemble's mean),
 * and coefficients of linear models. Node fields are read by name and offset, so both
 * node layouts (56-byte before scikit-learn 1.3, 64-byte after) work.
 */
import { NDArray } from './numpy.js';
import { PyObject } from './objects.js';
import { PickleError } from './pickle-error.js';

/** numpy's pairwise summation (np.sum of a contiguous float64 vector), for identical rounding. */
export function npSum(a: Float64Array, start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, n2) + npSum(a, start + n2, n - n2);
}

/** A fitted tree's node table and the two facts read before the pass. */
interface TreeArrays {
  readonly nodes: NDArray;
  readonly count: number;
  readonly weighted0: number;
}

function treeOf(estimator: unknown): TreeArrays | null {
  if (!(estimator instanceof PyObject)) return null;
  const tree = estimator.attr('tree_');
  if (!(tree instanceof PyObject)) return null;
  const nodes = tree.attr('nodes');
  if (!(nodes instanceof NDArray) || !nodes.dtype.fields?.has('weighted_n_node_samples') || nodes.size === 0)
    return null;
  const first = nodes.fieldAsFloat64Head('weighted_n_node_samples');
  return { nodes, count: nodes.size, weighted0: first };
}

/** The general path: any byte order, alignment or field type, through decoded columns. */
function fieldImportances(t: TreeArrays, nFeatures: number): Float64Array {
  const n = t.nodes;
  const left = n.fieldAsFloat64('left_child'),
    right = n.fieldAsFloat64('right_child'),
    feature = n.fieldAsFloat64('feature');
  const impurity = n.fieldAsFloat64('impurity'),
    weighted = n.fieldAsFloat64('weighted_n_node_samples');
  const imp = new Float64Array(nFeatures);
  for (let i = 0; i < left.length; i++) {
    const l = left[i]!,
      r = right[i]!;
    if (l === -1) continue; // leaf
    imp[feature[i]!]! += weighted[i]! * impurity[i]! - weighted[l]! * impurity[l]! - weighted[r]! * impurity[r]!;
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

/** Tree.compute_feature_importances(normalize). */
function treeImportances(t: TreeArrays, nFeatures: number, normalize: boolean): Float64Array {
  const raw = t.nodes ? rawImportances(t.nodes, nFeatures) : null;
  const imp = raw ?? fieldImportances(t, nFeatures);
  const root = t.weighted0;
  for (let f = 0; f < nFeatures; f++) imp[f]! /= root;
  if (normalize) {
    const s = npSum(imp);
    if (s > 0) for (let f = 0; f < nFeatures; f++) imp[f]! /= s;
  }
  return imp;
}

/** np.mean(rows, axis=0) then divided by its np.sum, as the ensembles do. */
function meanNormalised(rows: Float64Array[], nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  if (rows.length === 0) return out;
  for (const row of rows) for (let f = 0; f < nFeatures; f++) out[f]! += row[f]!;
  for (let f = 0; f < nFeatures; f++) out[f]! /= rows.length;
  const s = npSum(out);
  for (let f = 0; f < nFeatures; f++) out[f]! /= s;
  return out;
}

function nFeaturesOf(model: PyObject, first: TreeArrays | null): number | null {
  const n = model.attr('n_features_in_') ?? model.attr('n_features_');
  if (typeof n === 'number') return n;
  if (!first) return null;
  let max = -1;
  for (const f of first.nodes.fieldAsFloat64('feature')) if (f > max) max = f;
  return max + 1;
}

/** The classes scikit-learn gives a feature_importances_ computed from trees (Bagging, HistGB have none). */
const TREE_MODELS = /^(DecisionTree|ExtraTree|RandomForest|ExtraTrees|GradientBoosting)(Classifier|Regressor)$/;

/** feature_importances_ of a decision tree, forest, extra trees or gradient boosting model; null otherwise. */
export function featureImportances(model: PyObject): Float64Array | null {
  if (!TREE_MODELS.test(model.cls.name)) return null;
  const own = treeOf(model);
  if (own) {
    const n = nFeaturesOf(model, own);
    return n === null ? null : treeImportances(own, n, true);
  }
  const members = model.attr('estimators_');
  if (members instanceof NDArray && members.objects) {
    // gradient boosting: an (n_stages, K) object array of regression trees, un-normalised
    const trees = members.objects.map(treeOf).filter((t): t is TreeArrays => t !== null && t.count > 1);
    const n = nFeaturesOf(model, trees[0] ?? null);
    if (n === null) return null;
    return meanNormalised(
      trees.map((t) => treeImportances(t, n, false)),
      n,
    );
  }
  if (Array.isArray(members) && members.length > 0) {
    // forests: the mean of each tree's normalised importances
    const trees = members.map(treeOf);
    if (trees.some((t) => t === null)) return null;
    const n = nFeaturesOf(model, trees[0]!);
    if (n === null) return null;
    const used = (trees as TreeArrays[]).filter((t) => t.count > 1);
    return meanNormalised(
      used.map((t) => treeImportances(t, n, true)),
      n,
    );
  }
  return null;
}
