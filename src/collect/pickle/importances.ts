/**
 * Feature importances recomputed from the fitted trees, bit for bit as scikit-learn's
 * `feature_importances_` (Tree.compute_feature_importances, then the ensemble's mean),
 * and coefficients of linear models. Node fields are read by name and offset, so both
 * node layouts (56-byte before scikit-learn 1.3, 64-byte after) work.
 */
import { NDArray } from './numpy.js';
import { PyObject } from './objects.js';

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

interface TreeArrays {
  readonly left: Float64Array;
  readonly right: Float64Array;
  readonly feature: Float64Array;
  readonly impurity: Float64Array;
  readonly weighted: Float64Array;
}

function treeOf(estimator: unknown): TreeArrays | null {
  if (!(estimator instanceof PyObject)) return null;
  const tree = estimator.attr('tree_');
  if (!(tree instanceof PyObject)) return null;
  const nodes = tree.attr('nodes');
  if (!(nodes instanceof NDArray) || !nodes.dtype.fields?.has('weighted_n_node_samples')) return null;
  return {
    left: nodes.fieldAsFloat64('left_child'),
    right: nodes.fieldAsFloat64('right_child'),
    feature: nodes.fieldAsFloat64('feature'),
    impurity: nodes.fieldAsFloat64('impurity'),
    weighted: nodes.fieldAsFloat64('weighted_n_node_samples'),
  };
}

/** Tree.compute_feature_importances(normalize). */
function treeImportances(t: TreeArrays, nFeatures: number, normalize: boolean): Float64Array {
  const imp = new Float64Array(nFeatures);
  for (let i = 0; i < t.left.length; i++) {
    const l = t.left[i]!, r = t.right[i]!;
    if (l === -1) continue; // leaf
    imp[t.feature[i]!]! += t.weighted[i]! * t.impurity[i]! - t.weighted[l]! * t.impurity[l]! - t.weighted[r]! * t.impurity[r]!;
  }
  const root = t.weighted[0]!;
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
  for (const f of first.feature) if (f > max) max = f;
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
    const trees = members.objects.map(treeOf).filter((t): t is TreeArrays => t !== null && t.left.length > 1);
    const n = nFeaturesOf(model, trees[0] ?? null);
    if (n === null) return null;
    return meanNormalised(trees.map((t) => treeImportances(t, n, false)), n);
  }
  if (Array.isArray(members) && members.length > 0) {
    // forests: the mean of each tree's normalised importances
    const trees = members.map(treeOf);
    if (trees.some((t) => t === null)) return null;
    const n = nFeaturesOf(model, trees[0]!);
    if (n === null) return null;
    const used = (trees as TreeArrays[]).filter((t) => t.left.length > 1);
    return meanNormalised(used.map((t) => treeImportances(t, n, true)), n);
  }
  return null;
}
