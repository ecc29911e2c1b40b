/**
 * Estimators saved inside something else: a dict ({"model": pipeline, "features": [...]}),
 * a list or tuple, or a custom wrapper class. Finds every estimator with its path
 * (dict["model"], ModelWrapper.model_object, list[0]) without entering the estimators
 * themselves, picks the one to report, and keeps the container's plain values
 * (model_name, target_column, feature lists). Pure, over the inert object graph.
 *
 * The main estimator, first difference decides: a Pipeline (the outermost, i.e. shallowest,
 * one); a predictor (a classifier or regressor by name, or fitted with classes_, coef_,
 * tree_ or estimators_) before a transformer (scaler, encoder, vectorizer, …); the
 * shallowest; a key named model, estimator, pipeline, clf, …; the first found.
 */
import type { JsonValue, Wrapper } from '../../report-data.js';
import { NDArray } from './numpy.js';
import { BigText, PyObject } from './objects.js';
import { isEstimator } from './params.js';
import { dataSummary, floatJson } from './to-json.js';

const MAX_DEPTH = 4;
const MAX_NODES = 10_000;
const MAX_PLAIN_ITEMS = 50;
const MAX_TEXT = 200;

export interface Found {
  readonly path: string;
  readonly obj: PyObject;
  /** Steps from the root. */
  readonly depth: number;
  /** The last dict key or attribute name on the path, for the "named model" rule. */
  readonly key: string | null;
}

const keyText = (k: unknown): string | null =>
  typeof k === 'string' ? k : k instanceof BigText ? k.toString() : typeof k === 'number' ? String(k) : null;

/** The children of a container: dict items, list elements, a custom object's attributes. */
function children(v: unknown): [step: string, key: string | null, value: unknown][] {
  if (v instanceof Map) return [...v].map(([k, x]) => [`[${JSON.stringify(keyText(k) ?? String(k))}]`, keyText(k), x]);
  if (Array.isArray(v)) return v.map((x, i) => [`[${i}]`, null, x]);
  if (v instanceof PyObject && !isEstimator(v) && !dataSummary(v)) {
    const out: [string, string | null, unknown][] = [];
    for (const [k, x] of v.attrs ?? []) if (typeof k === 'string') out.push([`.${k}`, k, x]);
    for (const [k, x] of v.items ?? []) out.push([`[${JSON.stringify(keyText(k) ?? String(k))}]`, keyText(k), x]);
    (v.elements ?? []).forEach((x, i) => out.push([`[${i}]`, null, x]));
    return out;
  }
  return [];
}

/** What the root is called at the start of a path: dict, list, or the custom class's name. */
export function rootName(root: unknown): string {
  if (root instanceof Map) return 'dict';
  if (Array.isArray(root)) return 'list';
  return root instanceof PyObject ? root.cls.name : 'value';
}

/** Every estimator inside `root` (not inside other estimators), breadth first. */
export function findEstimators(root: unknown): Found[] {
  const found: Found[] = [];
  const seen = new Set<unknown>();
  let queue: { v: unknown; path: string; depth: number; key: string | null }[] = [
    { v: root, path: rootName(root), depth: 0, key: null },
  ];
  let nodes = 0;
  while (queue.length > 0 && nodes < MAX_NODES) {
    const next: typeof queue = [];
    for (const item of queue) {
      if (++nodes > MAX_NODES) break;
      if (typeof item.v !== 'object' || item.v === null || seen.has(item.v)) continue;
      seen.add(item.v);
      if (item.v instanceof PyObject && isEstimator(item.v) && item.depth > 0) {
        found.push({ path: item.path, obj: item.v, depth: item.depth, key: item.key });
        continue;
      }
      if (item.depth >= MAX_DEPTH) continue;
      for (const [step, key, v] of children(item.v))
        next.push({ v, path: `${item.path}${step}`, depth: item.depth + 1, key });
    }
    queue = next;
  }
  return found;
}

const PIPELINE = /Pipeline$/;
const PREDICTOR_NAME = /(Classifier|Regressor|Regression|Regression(CV)?|^SVC|^SVR|NB|^Ridge|^Lasso|^ElasticNet|CV)$/;
const TRANSFORMER_NAME = /(Scaler|Encoder|Imputer|Vectorizer|Transformer|PCA|Selector|Binarizer|Normalizer|Union)$/;
const MODEL_KEYS = /^(model|estimator|pipeline|pipe|clf|classifier|regressor|best_model|final_model|model_object)$/i;

function rank(f: Found): number[] {
  const name = f.obj.cls.name;
  const fitted = ['classes_', 'coef_', 'tree_', 'estimators_'].some((a) => f.obj.attrs?.has(a));
  const predictor = PREDICTOR_NAME.test(name) || (fitted && !TRANSFORMER_NAME.test(name));
  return [PIPELINE.test(name) ? 0 : predictor ? 1 : 2, f.depth, f.key && MODEL_KEYS.test(f.key) ? 0 : 1];
}

/** The estimator to report (see the header); null when there is none. */
export function mainEstimator(found: readonly Found[]): Found | null {
  const order = found.map((f, i) => ({ f, key: [...rank(f), i] }));
  order.sort((a, b) => a.key.reduce((d, x, i) => d || x - b.key[i]!, 0));
  return order[0]?.f ?? null;
}

/** A plain value (text, number, flag, short list of them) as JSON; undefined for anything else. */
function plain(v: unknown): JsonValue | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v;
  if (v instanceof BigText) return plain(v.toString());
  if (typeof v === 'number') return floatJson(v);
  if (typeof v === 'bigint') return v.toString();
  const items = Array.isArray(v)
    ? v
    : v instanceof NDArray && v.data !== null && !v.dtype.fields && v.size <= MAX_PLAIN_ITEMS
      ? v.toFlat()
      : v instanceof NDArray && v.objects !== null
        ? v.objects
        : null;
  if (!items || items.length > MAX_PLAIN_ITEMS) return undefined;
  const out = items.map((x) => (x !== null && typeof x === 'object' && !(x instanceof BigText) ? undefined : plain(x)));
  return out.every((x) => x !== undefined) ? (out as JsonValue[]) : undefined;
}

const classesOf = (o: PyObject): JsonValue[] | null => {
  const c = o.attr('classes_');
  const v = c instanceof NDArray ? plain(c) : undefined;
  return Array.isArray(v) ? v : null;
};

/** The container around the main estimator: its type, the path, its plain values, the other estimators. */
export function describeWrapper(root: unknown, found: readonly Found[], main: Found): Wrapper {
  const attributes: Record<string, JsonValue> = {};
  for (const [step, key, v] of children(root)) {
    const value = plain(v);
    if (value !== undefined) attributes[key ?? step] = value;
  }
  return {
    type:
      root instanceof Map ? 'dict' : Array.isArray(root) ? 'list' : root instanceof PyObject ? root.qualname : 'value',
    path: main.path,
    attributes,
    others: found
      .filter((f) => f !== main)
      .map((f) => ({ path: f.path, class_name: f.obj.cls.name, module: f.obj.cls.module, classes: classesOf(f.obj) })),
  };
}
