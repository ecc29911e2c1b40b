/**
 * The common last step of every adapter: candidate numbers in, one AdapterMatch out.
 *
 * When several keys name the same metric, the one chosen is, in order: the best split
 * (test, then unstated, validation, eval, train, cv) and then the plainest variant
 * (unqualified, weighted, macro, binary, micro). The others stay as extras.
 * Percent rule: a key that says percent ("accuracy_pct") is divided by 100; otherwise a
 * bounded metric (accuracy, precision, recall, f1, roc_auc) above 1 and at most 100 is on
 * the 0–100 scale and is divided by 100 (noted); the ones at most 1 are fractions already.
 * Impossible values (a bounded metric outside [0, 1], r2 above 1, a negative error) are
 * dropped with a note instead of failing: the report shows n/a for them.
 */
import type { Why } from '../../../report-data.js';
import { why } from '../../why.js';
import { parseMetricName } from './metric-names.js';
import { numberOf } from './parse-text.js';
import {
  BOUNDED_KEYS,
  type AdapterContext,
  type AdapterMatch,
  type ClassRow,
  type ConfusionMatrix,
  type MetricKey,
  type ModelSelection,
  type ShapeCode,
  type Split,
  type SplitInfo,
  type Variant,
} from './types.js';
import { detectVariant, toleranceOf, type Averages, type Reported } from './variant.js';

export interface Candidate {
  readonly metric: MetricKey;
  readonly value: number;
  readonly key: string;
  readonly split: Split | null;
  readonly variant: Variant | null;
  readonly percent: boolean;
}

/** Mutable while one adapter runs; finish() turns it into a plain AdapterMatch. */
export interface Draft {
  candidates: Candidate[];
  extras: Record<string, number>;
  notes: Why[];
  perClass: ClassRow[] | null;
  averages: { weighted: Averages | null; macro: Averages | null } | null;
  support: { total: number; source: string } | null;
  confusion: ConfusionMatrix | null;
}

export const newDraft = (): Draft => ({
  candidates: [],
  extras: {},
  notes: [],
  perClass: null,
  averages: null,
  support: null,
  confusion: null,
});

export function addCandidate(draft: Draft, c: Candidate): void {
  draft.candidates.push(c);
}

/** One key/value of the file: a metric candidate, an extra, or a note for NaN/Infinity. */
export function addNumber(draft: Draft, rawKey: string, path: string, v: unknown): boolean {
  const n = numberOf(v);
  if (n === null) return false;
  if (typeof n !== 'number') {
    draft.notes.push(why('note_non_finite', { key: path, value: n }));
    return false;
  }
  const name = parseMetricName(rawKey);
  if (!name.metric) {
    draft.extras[path] = n;
    return false;
  }
  addCandidate(draft, {
    metric: name.metric,
    value: n,
    key: path,
    split: name.split,
    variant: name.variant,
    percent: name.percent,
  });
  return true;
}

const SPLIT_RANK: Record<string, number> = { test: 0, null: 1, validation: 2, eval: 3, train: 4, cv: 5 };
const VARIANT_RANK: Record<string, number> = { null: 0, weighted: 1, macro: 2, binary: 3, micro: 4, samples: 5 };
const rank = (c: Candidate): number => SPLIT_RANK[String(c.split)]! * 10 + VARIANT_RANK[String(c.variant)]!;

/** Keys whose value is the number of evaluation rows: "n_test", "test_rows", or a count inside a split ("test.n_samples"). */
const SUPPORT_KEYS =
  /(^|\.)(n_test|test_rows|test_size|n_test_samples|test_samples|num_test|validation_n|n_eval|eval_rows|n_val|val_rows|support)$|(^|\.)(test|eval|evaluation|validation|val|holdout)\.(n_samples|n_rows|rows|n|count|size)$/;

/** v / 100 written to the precision v had: 70.31 → 0.7031, not 0.7031000000000001. */
export function fromPercent(v: number): number {
  const s = String(v);
  const decimals = /e/i.test(s) ? 15 : s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  return Number((v / 100).toFixed(Math.min(decimals + 2, 17)));
}

interface Chosen {
  value: number;
  key: string;
  split: Split | null;
  variant: Variant | null;
  tol: number;
}

function choose(draft: Draft): Map<MetricKey, Chosen> {
  const out = new Map<MetricKey, Chosen>();
  const sorted = draft.candidates.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  for (const { c } of sorted) {
    if (out.has(c.metric)) {
      draft.extras[c.key] = c.value;
      continue;
    }
    const value = c.percent ? fromPercent(c.value) : c.value;
    if (c.percent) draft.notes.push(why('note_percent_key', { key: c.key, value: c.value, read: value }));
    out.set(c.metric, {
      value,
      key: c.key,
      split: c.split,
      variant: c.variant,
      tol: toleranceOf(c.value) / (c.percent ? 100 : 1),
    });
  }
  return out;
}

function applyScale(chosen: Map<MetricKey, Chosen>, draft: Draft): boolean {
  // only the values above 1: a file that mixes 87.5 with 0.9 means 0.875 and 0.9, not 0.009
  const scaled = [...chosen].filter(([k, c]) => BOUNDED_KEYS.includes(k) && c.value > 1 && c.value <= 100);
  const percent = scaled.length > 0;
  if (percent) {
    for (const [, c] of scaled) {
      c.value = fromPercent(c.value);
      c.tol /= 100;
    }
    draft.notes.push(why('note_percent_scale', { keys: scaled.map(([k]) => k) }));
  }
  for (const [k, c] of chosen) {
    const bad = BOUNDED_KEYS.includes(k) ? c.value < 0 || c.value > 1 : k === 'r2' ? c.value > 1 : c.value < 0;
    if (!bad) continue;
    draft.notes.push(why('note_impossible', { key: c.key, value: c.value, metric: k }));
    chosen.delete(k);
  }
  return percent;
}

function splitOf(chosen: Map<MetricKey, Chosen>, ctx: AdapterContext): SplitInfo {
  const said = [...chosen.values()].filter((c) => c.split !== null);
  if (said.length === 0) return ctx.splitHint ?? { name: null, key: null, reason: why('split_unstated') };
  const counts = new Map<Split, Chosen[]>();
  for (const c of said) counts.set(c.split!, [...(counts.get(c.split!) ?? []), c]);
  const [name, by] = [...counts].sort((a, b) => b[1].length - a[1].length)[0]!;
  // a split said by fewer than half of the metrics is not the file's split ("cv_r2" beside rmse, mape)
  if (by.length * 2 < chosen.size) {
    const partial = why('split_partial', { keys: said.map((c) => c.key), splits: [...counts.keys()] });
    return ctx.splitHint ?? { name: null, key: null, reason: partial };
  }
  const mixed = counts.size > 1 || said.length < chosen.size;
  return {
    name,
    key: by[0]!.key,
    reason: why(mixed ? 'split_key_mixed' : 'split_key', { key: by[0]!.key, split: name }),
  };
}

/** A note for each headline metric taken from a cross-validation or training key while others are unstated. */
function splitNotes(chosen: Map<MetricKey, Chosen>, draft: Draft): void {
  const plain = [...chosen.values()].some((c) => c.split === null || c.split === 'test');
  if (!plain) return;
  for (const [k, c] of chosen) {
    if (c.split === 'cv' || c.split === 'train')
      draft.notes.push(why(c.split === 'cv' ? 'note_from_cv' : 'note_from_train', { metric: k, key: c.key }));
  }
}

function variantOf(chosen: Map<MetricKey, Chosen>, draft: Draft): AdapterMatch['variant'] {
  const prf = (['precision', 'recall', 'f1'] as const).filter((k) => chosen.has(k));
  if (prf.length === 0) return null;
  const named = prf.map((k) => chosen.get(k)!.variant).filter((v): v is Variant => v !== null);
  if (named.length > 0)
    return { name: named[0]!, reason: why('variant_keys', { keys: prf.map((k) => chosen.get(k)!.key) }) };
  const reported = Object.fromEntries(
    prf.map((k) => [k, { value: chosen.get(k)!.value, tol: chosen.get(k)!.tol } satisfies Reported]),
  );
  return detectVariant(reported, {
    rows: draft.perClass,
    weighted: draft.averages?.weighted ?? null,
    macro: draft.averages?.macro ?? null,
    confusion: draft.confusion,
  });
}

function supportOf(draft: Draft): AdapterMatch['support'] {
  if (draft.support) return draft.support;
  const key = Object.keys(draft.extras).find(
    (k) => SUPPORT_KEYS.test(k) && Number.isInteger(draft.extras[k]) && draft.extras[k]! > 1,
  );
  if (key) return { total: draft.extras[key]!, source: key };
  if (draft.confusion)
    return { total: draft.confusion.matrix.flat().reduce((s, x) => s + x, 0), source: 'sum of the confusion matrix' };
  return null;
}

export interface FinishOptions {
  readonly shape: ShapeCode;
  readonly via?: readonly ShapeCode[];
  readonly split?: SplitInfo;
  readonly model?: ModelSelection | null;
  readonly params?: Readonly<Record<string, string>> | null;
}

/** The match, or null when no known metric was found. */
export function finish(draft: Draft, ctx: AdapterContext, o: FinishOptions): AdapterMatch | null {
  const chosen = choose(draft);
  const percentScale = applyScale(chosen, draft);
  if (chosen.size === 0) return null;
  splitNotes(chosen, draft);
  const sorted = [...chosen].sort(([a], [b]) => a.localeCompare(b));
  return {
    shape: o.shape,
    via: o.via ?? [o.shape],
    metrics: Object.fromEntries(sorted.map(([k, c]) => [k, c.value])),
    sources: Object.fromEntries(sorted.map(([k, c]) => [k, c.key])),
    extras: Object.fromEntries(Object.entries(draft.extras).sort(([a], [b]) => a.localeCompare(b))),
    variant: variantOf(chosen, draft),
    split: o.split ?? splitOf(chosen, ctx),
    perClass: draft.perClass,
    support: supportOf(draft),
    confusion: draft.confusion,
    percentScale,
    model: o.model ?? null,
    params: o.params ?? null,
    notes: draft.notes,
  };
}
