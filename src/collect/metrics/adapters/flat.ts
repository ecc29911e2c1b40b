/**
 * Flat metrics: {"accuracy": 0.9, "F1 Score": 0.8, "test_recall": 0.7, ...}, keys normalised
 * by metric-names.ts. Also reads what commonly sits beside them: a nested classification
 * report ("report": {...}), a confusion matrix (n×n list or {tn, fp, fn, tp}) and a wrapper
 * object ("metrics": {...}). When the top level has no metric at all, the first nested
 * object that has some is used, and a note says where.
 */
import { why } from '../../why.js';
import { addReport, readReport } from './classification-report.js';
import { addNumber, finish, newDraft, type Draft } from './draft.js';
import { words } from './metric-names.js';
import { isObject, numberOf } from './parse-text.js';
import type { Adapter, AdapterContext, AdapterMatch, ConfusionMatrix, ShapeCode } from './types.js';

const WRAPPERS = new Set([
  'metrics',
  'scores',
  'evaluation',
  'performance',
  'results',
  'test_metrics',
  'eval_metrics',
  'current_performance',
]);

/** An n×n matrix of counts, or {tn, fp, fn, tp}; null for anything else. */
export function readConfusion(v: unknown, labels: unknown): ConfusionMatrix | null {
  if (isObject(v)) {
    const get = (k: string): number | null => {
      const hit = Object.entries(v).find(([key]) => key.toLowerCase() === k);
      const n = hit ? numberOf(hit[1]) : null;
      return typeof n === 'number' && n >= 0 ? n : null;
    };
    const [tn, fp, fn, tp] = ['tn', 'fp', 'fn', 'tp'].map(get);
    if (tn === null || fp === null || fn === null || tp === null) return null;
    return {
      labels: ['0', '1'],
      matrix: [
        [tn!, fp!],
        [fn!, tp!],
      ],
    };
  }
  if (!Array.isArray(v) || v.length < 2) return null;
  const n = v.length;
  const ok = v.every(
    (row) =>
      Array.isArray(row) && row.length === n && row.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0),
  );
  if (!ok) return null;
  const names = Array.isArray(labels) && labels.length === n ? labels.map(String) : null;
  return { labels: names, matrix: v as number[][] };
}

const isConfusionKey = (k: string): boolean => k === 'cm' || words(k).includes('confusion');

/** Adds every number, report and matrix of `obj` to the draft; returns how many metric keys it found. */
export function collectFlat(draft: Draft, obj: Record<string, unknown>, prefix: string, deep: boolean): number {
  let found = 0;
  const at = (k: string): string => (prefix ? `${prefix}.${k}` : k);
  for (const [k, v] of Object.entries(obj)) {
    if (isConfusionKey(k)) {
      draft.confusion ??= readConfusion(v, obj.labels ?? obj.classes);
      continue;
    }
    if (addNumber(draft, k, at(k), v)) found++;
    if (!isObject(v)) continue;
    const report = readReport(v);
    if (report) {
      const before = draft.candidates.length;
      addReport(draft, report, at(k));
      found += draft.candidates.length - before;
    } else if (deep && WRAPPERS.has(words(k).join('_'))) {
      found += collectFlat(draft, v, at(k), false);
    }
  }
  return found;
}

/** The flat reading of one object, or null when it holds no known metric. */
export function readFlat(
  value: unknown,
  ctx: AdapterContext,
  path: string,
  shape: ShapeCode = 'flat',
  nested = true,
): AdapterMatch | null {
  if (!isObject(value)) return null;
  const draft = newDraft();
  let found = collectFlat(draft, value, path, true);
  if (found === 0 && nested) {
    for (const [k, v] of Object.entries(value)) {
      if (!isObject(v)) continue;
      const nested = newDraft();
      if (collectFlat(nested, v, path ? `${path}.${k}` : k, true) === 0) continue;
      nested.extras = { ...draft.extras, ...nested.extras };
      nested.notes.unshift(why('note_nested', { key: k }));
      Object.assign(draft, nested);
      found = 1;
      break;
    }
  }
  if (found === 0) return null;
  return finish(draft, ctx, { shape });
}

const shapeFor = (ctx: AdapterContext): ShapeCode => (/(^|\/)dvclive\//.test(ctx.fileName) ? 'dvclive' : 'flat');

/** Flat metrics at the top level of the file (dvclive/metrics.json is reported as "dvclive"). */
export const adaptFlat: Adapter = (value, ctx) => readFlat(value, ctx, '', shapeFor(ctx), false);

/** Flat metrics one level down when the top level has none ({"expected_performance": {"auc": …}}). */
export const adaptNestedFlat: Adapter = (value, ctx) => readFlat(value, ctx, '', shapeFor(ctx), true);
