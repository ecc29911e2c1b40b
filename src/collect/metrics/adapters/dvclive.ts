/**
 * dvclive summaries keyed by metric then split: {"accuracy": {"train": 0.99, "test": 0.91}}.
 * The split is chosen like by-split (test, validation, eval, train, cv); the other splits'
 * numbers are kept as extras. A flat dvclive/metrics.json is read by the flat adapter.
 */
import { why } from '../../why.js';
import { SPLIT_ORDER, splitKey } from './by-split.js';
import { addNumber, finish, newDraft } from './draft.js';
import { parseMetricName } from './metric-names.js';
import { isObject, numberOf } from './parse-text.js';
import type { Adapter, Split } from './types.js';

export const adaptDvclive: Adapter = (value, ctx) => {
  if (!isObject(value)) return null;
  const nested = Object.entries(value).filter(([, v]) => isObject(v));
  if (nested.length === 0) return null;
  // every nested object must be {split: number} and at least one key must be a metric
  const splitted = nested.every(([, v]) =>
    Object.entries(v as object).every(([k, x]) => splitKey(k) !== null && numberOf(x) !== null),
  );
  if (!splitted || !nested.some(([k]) => parseMetricName(k).metric !== null)) return null;
  const available = new Map<Split, string>();
  for (const [, v] of nested)
    for (const k of Object.keys(v as object)) if (!available.has(splitKey(k)!)) available.set(splitKey(k)!, k);
  const split = SPLIT_ORDER.find((s) => available.has(s))!;
  const draft = newDraft();
  for (const [metric, v] of nested) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const path = `${metric}.${k}`;
      if (splitKey(k) === split) addNumber(draft, metric, path, x);
      else if (typeof numberOf(x) === 'number') draft.extras[path] = numberOf(x) as number;
    }
  }
  for (const [k, v] of Object.entries(value)) if (!isObject(v)) addNumber(draft, k, k, v);
  const key = available.get(split)!;
  return finish(draft, ctx, {
    shape: 'dvclive',
    split: { name: split, key, reason: why('split_dvclive', { key, keys: [...available.values()] }) },
  });
};
