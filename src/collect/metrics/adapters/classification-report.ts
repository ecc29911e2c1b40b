/**
 * scikit-learn's classification_report(output_dict=True): one object per class
 * ({precision, recall, f1-score, support}), "accuracy", "macro avg", "weighted avg".
 * Read on its own (the whole file is a report) or nested in another shape ("report": {...}).
 */
import { addCandidate, finish, newDraft, type Draft } from './draft.js';
import { isObject, numberOf } from './parse-text.js';
import type { Adapter, ClassRow } from './types.js';
import type { Averages } from './variant.js';

export interface ReportReading {
  readonly accuracy: number | null;
  readonly weighted: Averages | null;
  readonly macro: Averages | null;
  readonly rows: ClassRow[];
  readonly supportTotal: number | null;
}

const num = (v: unknown): number | null => {
  const n = numberOf(v);
  return typeof n === 'number' ? n : null;
};

function averagesOf(row: Record<string, unknown>): Averages {
  return { precision: num(row.precision), recall: num(row.recall), f1: num(row['f1-score'] ?? row.f1_score ?? row.f1) };
}

const isClassRow = (v: unknown): v is Record<string, unknown> =>
  isObject(v) &&
  num(v.precision) !== null &&
  num(v.recall) !== null &&
  num(v['f1-score'] ?? v.f1_score ?? v.f1) !== null;

/** The report's parts, or null when the value is not report-shaped (needs an "avg" row or two class rows). */
export function readReport(v: unknown): ReportReading | null {
  if (!isObject(v)) return null;
  const weighted = isObject(v['weighted avg']) ? averagesOf(v['weighted avg']) : null;
  const macro = isObject(v['macro avg']) ? averagesOf(v['macro avg']) : null;
  const rows: ClassRow[] = [];
  for (const [label, row] of Object.entries(v)) {
    if (label.endsWith(' avg') || label === 'accuracy' || !isClassRow(row)) continue;
    const a = averagesOf(row);
    rows.push({ label, precision: a.precision, recall: a.recall, f1: a.f1, support: num(row.support) });
  }
  if (!weighted && !macro && rows.length < 2) return null;
  const avgSupport = num((v['weighted avg'] as Record<string, unknown> | undefined)?.support);
  const summed = rows.length && rows.every((r) => r.support !== null) ? rows.reduce((s, r) => s + r.support!, 0) : null;
  return { accuracy: num(v.accuracy), weighted, macro, rows, supportTotal: avgSupport ?? summed };
}

/** Adds a report's numbers to a draft: accuracy, then weighted (else macro) averages as qualified candidates. */
export function addReport(draft: Draft, r: ReportReading, path: string): void {
  const at = (k: string): string => (path ? `${path}.${k}` : k);
  if (r.accuracy !== null)
    addCandidate(draft, {
      metric: 'accuracy',
      value: r.accuracy,
      key: at('accuracy'),
      split: null,
      variant: null,
      percent: false,
    });
  const [avg, name] = r.weighted
    ? ([r.weighted, 'weighted'] as const)
    : r.macro
      ? ([r.macro, 'macro'] as const)
      : [null, null];
  if (avg && name) {
    const label = `${name} avg`;
    if (avg.precision !== null)
      addCandidate(draft, {
        metric: 'precision',
        value: avg.precision,
        key: at(`${label}.precision`),
        split: null,
        variant: name,
        percent: false,
      });
    if (avg.recall !== null)
      addCandidate(draft, {
        metric: 'recall',
        value: avg.recall,
        key: at(`${label}.recall`),
        split: null,
        variant: name,
        percent: false,
      });
    if (avg.f1 !== null)
      addCandidate(draft, {
        metric: 'f1',
        value: avg.f1,
        key: at(`${label}.f1-score`),
        split: null,
        variant: name,
        percent: false,
      });
  }
  draft.perClass ??= [...r.rows].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  draft.averages = { weighted: r.weighted, macro: r.macro };
  if (r.supportTotal !== null && !draft.support)
    draft.support = {
      total: r.supportTotal,
      source: at(r.weighted ? 'weighted avg.support' : 'support of the class rows'),
    };
}

/** The whole value is a classification report. */
export const adaptClassificationReport: Adapter = (value, ctx) => {
  const r = readReport(value);
  if (!r || (r.accuracy === null && !r.weighted && !r.macro)) return null;
  const draft = newDraft();
  addReport(draft, r, '');
  return finish(draft, ctx, { shape: 'classification-report' });
};
