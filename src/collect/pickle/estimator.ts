/**
 * A summary of a pickled estimator equal to what scikit-learn itself reports: class,
 * module, get_params(deep=False), fitted facts (classes_, n_features_in_, …) and the
 * parts of composites (Pipeline steps, ColumnTransformer columns, search results,
 * ensemble members). Python properties that delegate (Pipeline.classes_ is the last
 * step's) are delegated the same way here.
 */
import { NDArray } from './numpy.js';
import { PyObject } from './objects.js';
import type { Component, EstimatorKind, EstimatorSummary, JsonValue } from '../../report-data.js';
import { estimatorParams, isEstimator, paramNames } from './params.js';
import {
  cut,
  floatJson,
  newJsonBudget,
  toJson,
  type JsonBudget,
  type JsonLimits,
  DEFAULT_JSON_LIMITS,
} from './to-json.js';

const MAX_LABELS = 10_000;
const MAX_DEPTH = 6;

/** An array-like attribute as a flat JSON list (capped), or null (also for an array never read: a missing joblib < 0.10 companion). */
function listOf(v: unknown, cap = MAX_LABELS): JsonValue[] | null {
  if (v instanceof NDArray && v.data === null && v.objects === null) return null;
  const items = v instanceof NDArray ? v.toFlat(cap) : Array.isArray(v) ? v.slice(0, cap) : null;
  if (!items) return null;
  return items.map((x) =>
    typeof x === 'number'
      ? floatJson(x)
      : typeof x === 'bigint'
        ? x.toString()
        : x instanceof PyObject
          ? x.qualname
          : typeof x === 'string'
            ? cut(x)
            : typeof x === 'object' && x !== null
              ? cut(String(x))
              : (x as JsonValue),
  );
}

function intOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

function kindOf(module: string): EstimatorKind {
  if (/^sklearn(\.|$)/.test(module) || module === '_loss') return 'scikit-learn';
  if (/^xgboost(\.|$)/.test(module)) return 'xgboost';
  if (/^lightgbm(\.|$)/.test(module)) return 'lightgbm';
  return 'custom';
}

/**
 * Summaries of one file's estimators. Each object is summarised once (memo), and appears
 * in full at its first place only; later references (a Pipeline whose twelve steps are
 * one shared Pipeline, a search whose best_estimator_ is itself) name its class instead,
 * so shared references never grow into a tree. Every value converted to JSON spends from
 * one budget for the whole file.
 */
class Summarizer {
  private readonly memo = new Map<PyObject, EstimatorSummary | null>();
  private readonly embedded = new Set<PyObject>();
  private readonly budget: JsonBudget = newJsonBudget();

  constructor(private readonly limits: JsonLimits) {}

  convert = (v: unknown): JsonValue => toJson(v, estimatorParams, this.limits, this.budget);

  /** The summary of `obj` (facts only: it may be embedded elsewhere), or null. */
  summaryOf(obj: unknown, depth: number): EstimatorSummary | null {
    if (!(obj instanceof PyObject) || !isEstimator(obj) || depth > MAX_DEPTH) return null;
    if (this.memo.has(obj)) return this.memo.get(obj)!; // null while in progress: a cycle
    this.memo.set(obj, null);
    const s = this.build(obj, depth);
    this.memo.set(obj, s);
    return s;
  }

  /** What a component shows: the summary the first time, the class name after. */
  embed(obj: unknown, depth: number): EstimatorSummary | string | null {
    if (!(obj instanceof PyObject) || !isEstimator(obj)) return null;
    if (this.embedded.has(obj)) return obj.qualname;
    const s = this.summaryOf(obj, depth);
    if (!s) return obj.qualname;
    this.embedded.add(obj);
    return s;
  }

  private build(obj: PyObject, depth: number): EstimatorSummary {
    const attrs = obj.attrs!;
    const convert = this.convert;
    const params: Record<string, JsonValue> = {};
    const { names, source } = paramNames(obj);
    for (const n of names) params[n] = convert(attrs.get(n));

    const components = componentsOf(obj, new Set(names), (v) => this.embed(v, depth + 1), convert);
    const bestObj = attrs.get('best_estimator_');
    const best = this.summaryOf(bestObj, depth + 1);
    if (best) {
      const shown = this.embed(bestObj, depth + 1);
      components.push({ role: 'best_estimator', name: 'best_estimator_', columns: null, estimator: shown });
    }
    const steps = components.filter((c) => c.role === 'steps');
    const stepObjs = tuples(attrs.get('steps'));
    const firstStep = stepObjs.length ? this.summaryOf(stepObjs[0]![1], depth + 1) : null;
    const lastStep = stepObjs.length ? this.summaryOf(stepObjs[stepObjs.length - 1]![1], depth + 1) : null;
    // Voting and Stacking read n_features_in_ from their first fitted member
    const members = attrs.get('estimators_');
    const firstMember =
      Array.isArray(members) && members.length > 0 && !steps.length ? this.summaryOf(members[0], depth + 1) : null;
    const delegate = best ?? null;

    const featureNames = listOf(attrs.get('feature_names_in_'));
    const version = attrs.get('_sklearn_version');
    return {
      class_name: obj.cls.name,
      module: obj.cls.module,
      kind: kindOf(obj.cls.module),
      sklearn_version: typeof version === 'string' ? version : null,
      params,
      params_source: source,
      fitted: [...attrs.keys()].some((k) => typeof k === 'string' && k.endsWith('_') && !k.startsWith('_')),
      classes: listOf(attrs.get('classes_')) ?? lastStep?.classes ?? delegate?.classes ?? null,
      n_features_in:
        intOf(attrs.get('n_features_in_')) ??
        intOf(attrs.get('n_features_')) ??
        firstStep?.n_features_in ??
        delegate?.n_features_in ??
        firstMember?.n_features_in ??
        null,
      feature_names:
        featureNames?.filter((x): x is string => typeof x === 'string') ??
        firstStep?.feature_names ??
        delegate?.feature_names ??
        null,
      n_outputs: intOf(attrs.get('n_outputs_')) ?? lastStep?.n_outputs ?? delegate?.n_outputs ?? null,
      n_iter: attrs.has('n_iter_') ? convert(attrs.get('n_iter_')) : null,
      n_estimators_fitted: Array.isArray(members)
        ? members.length
        : members instanceof NDArray
          ? (members.shape[0] ?? null)
          : null,
      best_score: attrs.has('best_score_') ? convert(attrs.get('best_score_')) : null,
      best_params: attrs.has('best_params_') ? convert(attrs.get('best_params_')) : null,
      components,
    };
  }
}

/** Summarises `obj` if it is an estimator, else null. */
export function summarizeEstimator(obj: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): EstimatorSummary | null {
  const s = new Summarizer(limits);
  const out = s.embed(obj, 0);
  return typeof out === 'object' ? out : null;
}

const tuples = (v: unknown): unknown[][] =>
  Array.isArray(v) ? v.filter((t): t is unknown[] => Array.isArray(t) && t.length >= 2) : [];

type Embed = (v: unknown) => EstimatorSummary | string | null;

/** (name, estimator[, columns]) tuples of a composite, preferring the fitted copies. */
function componentsOf(
  obj: PyObject,
  params: ReadonlySet<string>,
  embed: Embed,
  convert: (v: unknown) => JsonValue,
): Component[] {
  const a = obj.attrs!;
  const part = (role: string, name: unknown, est: unknown, columns: unknown = null): Component => ({
    role,
    name: cut(typeof name === 'string' ? name : String(name)),
    columns: columns === null ? null : convert(columns),
    estimator:
      typeof est === 'string'
        ? est
        : est === null
          ? null
          : (embed(est) ?? (est instanceof PyObject ? est.qualname : cut(String(est)))),
  });
  const out: Component[] = [];
  for (const [name, est] of tuples(a.get('steps'))) out.push(part('steps', name, est));
  for (const [name, est, cols] of tuples(a.get('transformers_') ?? a.get('transformers')))
    out.push(part('transformers', name, est, cols ?? null));
  for (const [name, est] of tuples(a.get('transformer_list'))) out.push(part('transformers', name, est));
  if (!obj.cls.name.includes('SearchCV')) {
    for (const [name, est] of tuples(a.get('estimators'))) out.push(part('estimators', name, est));
  }
  const final = a.get('final_estimator_') ?? a.get('final_estimator');
  if (final instanceof PyObject) out.push(part('final_estimator', 'final_estimator', final));
  // the wrapped estimator of Bagging, SearchCV, calibration…, when it is a parameter (forests keep a template that is not)
  for (const key of ['estimator', 'base_estimator']) {
    const base = a.get(key);
    if (params.has(key) && base instanceof PyObject) out.push(part('estimator', key, base));
  }
  return out;
}
