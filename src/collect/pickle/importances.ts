/**
 * Feature importances recomputed from the fitted trees, bit for bit as scikit-learn's
 * `feature_importances_` (Tree.compute_feature_importances, then the ensemble's mean),
 * from each tree's digest (tree-digest.ts: the raw sums, taken as the tree was read).
 */
import { NDArray } from './numpy.js';
import { PyObject } from './objects.js';
import { limitError } from './machine.js';
import { PickleError } from './pickle-error.js';
import { MAX_FEATURES, TreeObject, type TreeDigest } from './tree-digest.js';

/** Additions spent on the ensembles' mean (members × features); limits.max_tree_work. */
export const DEFAULT_TREE_WORK = 50_000_000;

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

function treeOf(estimator: unknown): TreeDigest | null {
  if (!(estimator instanceof PyObject)) return null;
  const tree = estimator.attr('tree_');
  return tree instanceof TreeObject ? tree.summary() : null;
}

/** Tree.compute_feature_importances(normalize), from the raw sums taken at BUILD. */
function treeImportances(t: TreeDigest, nFeatures: number, normalize: boolean): Float64Array {
  for (let f = nFeatures; f < t.raw.length; f++)
    if (t.raw[f] !== 0) throw new PickleError('a tree node points outside its tree');
  const imp = new Float64Array(nFeatures);
  imp.set(t.raw.subarray(0, Math.min(nFeatures, t.raw.length)));
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

/** The feature count: n_features_in_ when it is a count (1..10 M), else the tree's own n_features. */
function nFeaturesOf(model: PyObject, first: TreeDigest | null): number | null {
  const n = model.attr('n_features_in_') ?? model.attr('n_features_');
  if (typeof n === 'number') return Number.isInteger(n) && n >= 1 && n <= MAX_FEATURES ? n : null;
  return first ? first.raw.length : null; // the tree's own n_features
}

/**
 * Each distinct tree's importances once (a forest may list one tree object 20 000 times),
 * and the additions of the mean counted against a work budget.
 */
class TreeWork {
  private readonly done = new Map<TreeDigest, Float64Array>();
  private spent = 0;
  constructor(private readonly max: number) {}

  of(t: TreeDigest, n: number, normalize: boolean): Float64Array {
    if ((this.spent += n) > this.max)
      throw limitError('trees too many or too wide to weigh their features', this.max, 'max_tree_work');
    let imp = this.done.get(t);
    if (!imp) this.done.set(t, (imp = treeImportances(t, n, normalize)));
    return imp;
  }
}

/** The classes scikit-learn gives a feature_importances_ computed from trees (Bagging, HistGB have none). */
const TREE_MODELS = /^(DecisionTree|ExtraTree|RandomForest|ExtraTrees|GradientBoosting)(Classifier|Regressor)$/;

/** feature_importances_ of a decision tree, forest, extra trees or gradient boosting model; null otherwise. */
export function featureImportances(model: PyObject, maxWork = DEFAULT_TREE_WORK): Float64Array | null {
  if (!TREE_MODELS.test(model.cls.name)) return null;
  const work = new TreeWork(maxWork);
  const own = treeOf(model);
  if (own) {
    const n = nFeaturesOf(model, own);
    return n === null ? null : treeImportances(own, n, true);
  }
  const members = model.attr('estimators_');
  if (members instanceof NDArray && members.objects) {
    // gradient boosting: an (n_stages, K) object array of regression trees, un-normalised
    const trees = members.objects.map(treeOf).filter((t): t is TreeDigest => t !== null && t.count > 1);
    const n = nFeaturesOf(model, trees[0] ?? null);
    if (n === null) return null;
    return meanNormalised(
      trees.map((t) => work.of(t, n, false)),
      n,
    );
  }
  if (Array.isArray(members) && members.length > 0) {
    // forests: the mean of each tree's normalised importances
    const trees = members.map(treeOf);
    if (trees.some((t) => t === null)) return null;
    const n = nFeaturesOf(model, trees[0]!);
    if (n === null) return null;
    const used = (trees as TreeDigest[]).filter((t) => t.count > 1);
    return meanNormalised(
      used.map((t) => work.of(t, n, true)),
      n,
    );
  }
  return null;
}
