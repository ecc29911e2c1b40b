/**
 * Constructor parameters of a pickled estimator, as `get_params(deep=False)` returns them.
 * The pickle holds the instance __dict__, which mixes parameters with other public
 * attributes; the generated table (scripts/make-param-table.py) says which are which.
 */
import paramTable from './sklearn-params.json' with { type: 'json' };
import { PyObject } from './objects.js';
import type { JsonValue, ParamsSource } from '../../report-data.js';

const TABLE: Readonly<Record<string, readonly string[]>> = paramTable.classes;

/** The scikit-learn release the parameter table was generated from. */
export const PARAM_TABLE_VERSION: string = paramTable.sklearn_version;

const WRAPPER_MODULES = /^(sklearn|xgboost|lightgbm|catboost)(\.|$)/;

/**
 * True for objects that behave like scikit-learn estimators: scikit-learn stamps
 * `_sklearn_version` into every BaseEstimator pickle (custom subclasses included);
 * old releases did not, so known modules and table classes count too.
 */
export function isEstimator(obj: PyObject): boolean {
  const attrs = obj.attrs;
  if (!attrs) return false;
  return attrs.has('_sklearn_version') || WRAPPER_MODULES.test(obj.cls.module) || TABLE[obj.cls.name] !== undefined;
}

/** Parameter names for this object and how they were chosen. */
export function paramNames(obj: PyObject): { names: string[]; source: ParamsSource } {
  const attrs = obj.attrs ?? new Map<unknown, unknown>();
  const known = TABLE[obj.cls.name];
  if (known) return { names: known.filter((n) => attrs.has(n)), source: 'table' };
  // Fallback for classes the table lacks (xgboost, lightgbm, user classes, other releases):
  // public attributes that are not fitted state (trailing underscore), as BaseEstimator's
  // convention goes. Documented in README, "Reading models".
  const names: string[] = [];
  for (const k of attrs.keys()) if (typeof k === 'string' && !k.startsWith('_') && !k.endsWith('_')) names.push(k);
  return { names: names.sort(), source: 'attributes' };
}

/** The params of an estimator as canonical JSON, or null when `obj` is not an estimator. */
export function estimatorParams(obj: PyObject, convert: (v: unknown) => JsonValue): Record<string, JsonValue> | null {
  if (!isEstimator(obj)) return null;
  const attrs = obj.attrs!;
  const out: Record<string, JsonValue> = {};
  for (const n of paramNames(obj).names) out[n] = convert(attrs.get(n));
  return out;
}
