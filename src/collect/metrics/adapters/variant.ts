/**
 * Which averaging a file's unqualified precision/recall/f1 use, found by comparing them with
 * what the same file says per class: the classification report's weighted and macro
 * averages, the positive class's row, or the same three computed from a confusion matrix.
 * A value matches when it equals the reference to the precision it was written with
 * (0.8824 matches 0.88235…), so rounded files still match.
 */
import type { Why } from '../../../report-data.js';
import { why } from '../../why.js';
import type { ClassRow, ConfusionMatrix, Variant } from './types.js';

export interface Averages {
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

export interface VariantEvidence {
  readonly rows: readonly ClassRow[] | null;
  readonly weighted: Averages | null;
  readonly macro: Averages | null;
  readonly confusion: ConfusionMatrix | null;
}

/** A reported value and the tolerance its written precision allows. */
export interface Reported {
  readonly value: number;
  readonly tol: number;
}

const POSITIVE = new Set(['1', '1.0', 'true', 'yes', 'y', 'pos', 'positive']);

/** Half a unit of the last written decimal: 0.8824 → 0.00005; long floats → 1e-9. */
export function toleranceOf(written: number): number {
  const s = String(written);
  if (/e/i.test(s)) return 1e-9;
  const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  return decimals >= 9 ? 1e-9 : 0.5 * 10 ** -decimals + 1e-12;
}

const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Per-class rows computed from a confusion matrix (rows = true class, columns = predicted). */
export function rowsFromConfusion(c: ConfusionMatrix): ClassRow[] {
  const m = c.matrix;
  return m.map((row, i) => {
    const tp = row[i] ?? 0;
    const predicted = m.reduce((s, r) => s + (r[i] ?? 0), 0);
    const actual = row.reduce((s, x) => s + x, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = actual === 0 ? 0 : tp / actual;
    return { label: c.labels?.[i] ?? String(i), precision, recall, f1: f1Of(precision, recall), support: actual };
  });
}

function average(rows: readonly ClassRow[], weighted: boolean): Averages | null {
  const total = rows.reduce((s, r) => s + (r.support ?? 0), 0);
  if (weighted && total === 0) return null;
  const avg = (pick: (r: ClassRow) => number | null): number | null => {
    if (rows.some((r) => pick(r) === null)) return null;
    return weighted
      ? rows.reduce((s, r) => s + pick(r)! * (r.support ?? 0), 0) / total
      : rows.reduce((s, r) => s + pick(r)!, 0) / rows.length;
  };
  return { precision: avg((r) => r.precision), recall: avg((r) => r.recall), f1: avg((r) => r.f1) };
}

function positiveRow(rows: readonly ClassRow[]): ClassRow | null {
  if (rows.length !== 2) return null;
  return rows.find((r) => POSITIVE.has(r.label.toLowerCase())) ?? rows[1]!;
}

/** The variant whose references all reported values equal, with the reason; null name when none or no evidence. */
export function detectVariant(
  reported: Partial<Record<'precision' | 'recall' | 'f1', Reported>>,
  e: VariantEvidence,
): { name: Variant | null; reason: Why } {
  const fromConfusion = !e.rows && e.confusion !== null;
  const rows = e.rows ?? (e.confusion ? rowsFromConfusion(e.confusion) : null);
  if (!rows && !e.weighted && !e.macro) return { name: null, reason: why('variant_unstated') };
  const pos = rows ? positiveRow(rows) : null;
  const refs: [Variant, Averages | null, Why][] = [
    ['weighted', e.weighted ?? (rows ? average(rows, true) : null), why('ref_weighted')],
    ['macro', e.macro ?? (rows ? average(rows, false) : null), why('ref_macro')],
    ['binary', pos, why('ref_class_row', { label: pos?.label ?? null })],
  ];
  const keys = Object.keys(reported) as ('precision' | 'recall' | 'f1')[];
  const matches = refs.filter(
    ([, ref]) =>
      ref &&
      keys.length > 0 &&
      keys.every((k) => {
        const want = ref[k];
        return want !== null && Math.abs(want - reported[k]!.value) <= reported[k]!.tol;
      }),
  );
  const source = why(fromConfusion ? 'src_confusion' : 'src_rows');
  if (matches.length === 0) return { name: null, reason: why('variant_no_match', { metrics: keys, source }) };
  const [name, , what] = matches[0]!;
  const also = matches.slice(1).map((m) => m[2]);
  return { name, reason: why('variant_match', { metrics: keys, what, source, too: also }) };
}
