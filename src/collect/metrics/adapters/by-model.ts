/**
 * Metrics by model: {"best_model": "xgb", "comparison": {"xgb": {...}, "rf": {...}}}, or the
 * same without a best-model key ({"Logistic Regression": {...}, "Decision Tree": {...}}).
 * The entries may sit at the top level or one level down; which entry is reported is
 * decided by select-entry.ts.
 */
import { hasTopLevelMetric, splitKey } from './by-split.js';
import { readEntry, wrap } from './entry.js';
import { words } from './metric-names.js';
import { selectEntry, type Entry } from './select-entry.js';
import type { Adapter, AdapterContext } from './types.js';
import { isObject } from './parse-text.js';

const BEST_KEYS = [
  'best_model',
  'best_model_name',
  'best',
  'selected_model',
  'chosen_model',
  'champion',
  'champion_model',
  'winner',
  'best_estimator',
];

interface Container {
  readonly path: string;
  readonly entries: Entry[];
}

function entriesOf(obj: Record<string, unknown>, path: string, ctx: AdapterContext): Entry[] {
  const out: Entry[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (!isObject(v) || splitKey(k) !== null) continue;
    const match = readEntry(v, ctx, path ? `${path}.${k}` : k);
    if (match) out.push({ name: k, match, role: null });
  }
  return out;
}

/** The key naming the best model ("best_model": "xgb"), or null. */
export function bestKeyOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  return Object.keys(value).find((k) => BEST_KEYS.includes(words(k).join('_')) && typeof value[k] === 'string') ?? null;
}

export const adaptByModel: Adapter = (value, ctx) => {
  if (!isObject(value)) return null;
  const bestKey = bestKeyOf(value);
  const bestName = bestKey ? (value[bestKey] as string) : null;
  // with no best-model key, top-level metrics mean a flat file that happens to nest things
  if (!bestKey && hasTopLevelMetric(value)) return null;
  const containers: Container[] = [{ path: '', entries: entriesOf(value, '', ctx) }];
  for (const [k, v] of Object.entries(value))
    if (isObject(v)) containers.push({ path: k, entries: entriesOf(v, k, ctx) });
  const withBest = bestName !== null ? containers.find((c) => c.entries.some((e) => e.name === bestName)) : undefined;
  const container =
    withBest ?? containers.filter((c) => c.entries.length >= 2).sort((a, b) => b.entries.length - a.entries.length)[0];
  if (!container) return null;
  const picked = selectEntry(container.entries, ctx, bestName, bestKey);
  if (!picked) return null;
  return wrap(picked.entry.match, { shape: 'by-model', model: picked.selection }, ctx);
};
