/**
 * Metrics nested by split: {"train": {...}, "test": {...}} (also "test_metrics", "validation",
 * "eval", …). Rule: test first, then validation, eval, train, cv; the split's reason names the
 * key used and the others. Only applies when the top level holds no metric of its own.
 */
import { why } from '../../why.js';
import { wrap, readEntry } from './entry.js';
import { SPLIT_WORDS, parseMetricName, words } from './metric-names.js';
import { isObject, numberOf } from './parse-text.js';
import type { Adapter, AdapterMatch, Split } from './types.js';

export const SPLIT_ORDER: readonly Split[] = ['test', 'validation', 'eval', 'train', 'cv'];
const NOISE = new Set(['metrics', 'set', 'data', 'results', 'scores', 'split']);

/** The split a key names on its own ("test", "test_metrics", "Validation Set"), else null. */
export function splitKey(key: string): Split | null {
  const w = words(key).filter((x) => !NOISE.has(x));
  return w.length === 1 ? (SPLIT_WORDS[w[0]!] ?? null) : null;
}

/** True when some top-level key is a metric with a number: then the file is flat, not by split. */
export function hasTopLevelMetric(obj: Record<string, unknown>): boolean {
  return Object.entries(obj).some(([k, v]) => numberOf(v) !== null && parseMetricName(k).metric !== null);
}

export const adaptBySplit: Adapter = (value, ctx) => {
  if (!isObject(value) || hasTopLevelMetric(value)) return null;
  const found: { key: string; split: Split; match: AdapterMatch }[] = [];
  for (const [k, v] of Object.entries(value)) {
    const split = splitKey(k);
    if (!split || !isObject(v)) continue;
    const match = readEntry(v, ctx, k);
    if (match) found.push({ key: k, split, match });
  }
  if (found.length === 0) return null;
  found.sort((a, b) => SPLIT_ORDER.indexOf(a.split) - SPLIT_ORDER.indexOf(b.split));
  const best = found[0]!;
  const others = found.slice(1).map((f) => f.key);
  return wrap(
    best.match,
    {
      shape: 'by-split',
      split: { name: best.split, key: best.key, reason: why('split_nested', { key: best.key, others }) },
    },
    ctx,
  );
};
