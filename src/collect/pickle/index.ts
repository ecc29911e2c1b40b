/**
 * The safe scikit-learn model reader: bytes in, a plain-JSON description out. No Python,
 * and nothing from the file ever runs (see objects.ts).
 */
import type { Coefficients, EstimatorSummary, FeatureWeight, ModelInspection } from '../../report-data.js';
import { describeWrapper, findEstimators, mainEstimator } from './contents.js';
import { summarizeEstimator } from './estimator.js';
import { featureImportances } from './importances.js';
import {
  loadPickle,
  loadPickleFile,
  type CompanionReader,
  type LoadedPickle,
  type PickleLimits,
  DEFAULT_PICKLE_LIMITS,
} from './load.js';
import { NDArray } from './numpy.js';
import { PyObject } from './objects.js';
import { NO_EXTRA_ALLOW, type ExtraAllow } from './judge.js';
import { judgeFile } from './safety.js';
import { DEFAULT_JSON_LIMITS, cut, dataSummary, floatJson } from './to-json.js';

export { PickleLoadError, DEFAULT_PICKLE_LIMITS, type PickleLimits, type CompanionReader } from './load.js';
export { checkImports, judgeFile } from './safety.js';
export { checkExtraAllow, NO_EXTRA_ALLOW, type ExtraAllow } from './judge.js';

function rootType(v: unknown): string {
  if (v instanceof PyObject) {
    const data = dataSummary(v) as Record<
      string,
      { class?: string; shape?: unknown; columns?: unknown[] | null }
    > | null;
    const sparse = data?.__sparse__,
      frame = data?.__pandas__;
    if (sparse) return `${v.qualname} of shape ${JSON.stringify(sparse.shape)}`;
    if (frame?.columns)
      return `${v.qualname} with columns ${frame.columns
        .slice(0, 8)
        .map((c) => cut(String(c), 60))
        .join(', ')}${frame.columns.length > 8 ? ', …' : ''}`;
    return v.qualname;
  }
  if (v instanceof NDArray) return 'numpy.ndarray';
  if (v instanceof Map) return 'dict';
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'None';
  return typeof v;
}

/**
 * The estimator whose importances the report shows: a pipeline's last step, a search's
 * best estimator. A search that is its own best estimator, or pipelines nested past any
 * real depth, stop the walk.
 */
function predictor(v: unknown, seen = new Set<PyObject>()): PyObject | null {
  if (!(v instanceof PyObject) || seen.has(v) || seen.size > 16) return null;
  seen.add(v);
  const best = v.attr('best_estimator_');
  if (best instanceof PyObject) return predictor(best, seen);
  const steps = v.attr('steps');
  if (Array.isArray(steps) && steps.length > 0) {
    const last = steps[steps.length - 1];
    return Array.isArray(last) ? predictor(last[1], seen) : null;
  }
  return v;
}

/** Feature names for the predictor's n inputs: its own, else the whole model's when the count matches, else x0, x1, … */
function featureNames(model: PyObject, summary: EstimatorSummary | null, n: number): string[] {
  const own = model.attr('feature_names_in_');
  const names =
    own instanceof NDArray ? own.toFlat() : summary?.feature_names?.length === n ? summary.feature_names : [];
  return Array.from({ length: n }, (_, i) => (typeof names[i] === 'string' ? cut(names[i] as string) : `x${i}`));
}

function importancesOf(
  model: PyObject | null,
  summary: EstimatorSummary | null,
  maxWork: number | undefined,
): FeatureWeight[] | null {
  const values = model ? featureImportances(model, maxWork) : null;
  if (!model || !values) return null;
  const names = featureNames(model, summary, values.length);
  return Array.from(values, (v, i) => ({ feature: names[i]!, value: floatJson(v) }));
}

function coefficientsOf(model: PyObject | null, summary: EstimatorSummary | null): Coefficients | null {
  const coef = model?.attr('coef_');
  if (!model || !(coef instanceof NDArray) || coef.dtype.kind !== 'f' || coef.shape.length < 1 || coef.shape.length > 2)
    return null;
  const [nRows, nFeatures] = coef.shape.length === 2 ? [coef.shape[0]!, coef.shape[1]!] : [1, coef.shape[0]!];
  const flat = coef.toFloat64();
  const values = Array.from({ length: nRows }, (_, r) =>
    Array.from(flat.subarray(r * nFeatures, (r + 1) * nFeatures), floatJson),
  );
  const intercept = model.attr('intercept_');
  const classes = model.attr('classes_');
  const labels =
    nRows > 1 && classes instanceof NDArray && classes.size === nRows
      ? (classes.toFlat().map((x) => (typeof x === 'string' ? cut(x) : x)) as (string | number)[])
      : null;
  return {
    rows: labels,
    features: featureNames(model, summary, nFeatures),
    values,
    intercept:
      intercept instanceof NDArray
        ? Array.from(intercept.toFloat64(), floatJson)
        : typeof intercept === 'number'
          ? [floatJson(intercept)]
          : [],
  };
}

/**
 * Describes a loaded pickle; an estimator saved inside a dict, a list or a custom class is
 * found there. `allow` is the config's safety.allow.
 */
export function describePickle(
  loaded: LoadedPickle,
  allow: ExtraAllow = NO_EXTRA_ALLOW,
  limits: PickleLimits = DEFAULT_PICKLE_LIMITS,
): ModelInspection {
  const json = { ...DEFAULT_JSON_LIMITS, maxNodes: limits.maxSummaryValues ?? DEFAULT_JSON_LIMITS.maxNodes };
  let top: unknown = loaded.root;
  let estimator = summarizeEstimator(top, json);
  let wrapper: ModelInspection['wrapper'] = null;
  if (!estimator) {
    const found = findEstimators(loaded.root);
    const main = mainEstimator(found);
    if (main) {
      top = main.obj;
      estimator = summarizeEstimator(top, json);
      wrapper = describeWrapper(loaded.root, found, main);
    }
  }
  // arrays of a joblib < 0.10 file whose companions are missing were never read
  const model = loaded.missingArrays.length ? null : predictor(top);
  return {
    format: loaded.joblib ? 'joblib' : 'pickle',
    compression: loaded.compression,
    protocol: loaded.protocol,
    stream_bytes: loaded.streamBytes,
    root_type: rootType(loaded.root),
    estimator,
    feature_importances: importancesOf(model, estimator, limits.maxTreeWork),
    coefficients: coefficientsOf(model, estimator),
    safety: judgeFile(loaded.log, allow),
    wrapper,
    missing_arrays: loaded.missingArrays,
  };
}

/** Reads and describes a pickle or joblib file's bytes; throws PickleLoadError (naming `label`) on bad input. */
export function inspectPickle(
  bytes: Uint8Array,
  limits: PickleLimits = DEFAULT_PICKLE_LIMITS,
  label?: string,
  companion?: CompanionReader,
  allow: ExtraAllow = NO_EXTRA_ALLOW,
): ModelInspection {
  return describePickle(loadPickle(bytes, limits, label, companion), allow, limits);
}

/** Streams and describes a model file (never held whole); throws PickleLoadError (naming `label`) on bad input, fs errors as they are. */
export function inspectPickleFile(
  path: string,
  limits: PickleLimits = DEFAULT_PICKLE_LIMITS,
  label?: string,
  companion?: CompanionReader,
  allow: ExtraAllow = NO_EXTRA_ALLOW,
): ModelInspection {
  return describePickle(loadPickleFile(path, limits, label, companion), allow, limits);
}
