/**
 * Which column of the data is the label. Pure: the caller passes the column names, a sample
 * of values per column, and what it knows (the model's classes_, class lists of helper
 * pickles such as a LabelEncoder, the metrics' class labels, the model's feature names).
 *
 * Rule, first that decides:
 *  0. the model's feature columns and id-like columns (id, *_id, customerID, Unnamed: 0) are
 *     not labels;
 *  1. a column whose values are all among the model's classes (or a helper's classes), with
 *     at least two of them present;
 *  2. the same against the class labels of the metrics file (classification report rows);
 *  3. a column named target, label, class, y, category, outcome, price, churn, … (LABEL_NAMES);
 *  4. for regression, the last numeric column with more than two distinct values;
 *  5. the last column (the usual place).
 * When several columns pass 1 or 2 (0/1 flags match classes [0, 1]), rule 3 and then the
 * last position break the tie.
 */
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import { words } from '../metrics/adapters/metric-names.js';

export interface LabelEvidence {
  readonly columns: readonly string[];
  /** Up to a few hundred values per column, as text. */
  readonly sample?: Readonly<Record<string, readonly string[]>>;
  readonly modelClasses?: readonly (string | number | boolean)[] | null;
  /** Class lists found elsewhere: a LabelEncoder's classes_ in a helper pickle. */
  readonly classHints?: readonly (readonly (string | number | boolean)[])[];
  readonly metricLabels?: readonly string[] | null;
  readonly featureNames?: readonly string[] | null;
  readonly task?: 'classification' | 'regression' | 'other' | null;
}

export interface LabelGuess {
  readonly column: string;
  /** The rule that decided, then a tie (label_tie) and the feature columns left out (label_features_left_out). */
  readonly reason: Why;
  readonly alternatives: readonly string[];
}

export const LABEL_NAMES = [
  'target',
  'label',
  'labels',
  'class',
  'y',
  'category',
  'outcome',
  'output',
  'response',
  'price',
  'churn',
  'default',
  'survived',
  'species',
  'diagnosis',
  'sentiment',
  'fraud',
  'is_fraud',
];

/** 1 and 1.0 and True are the same class. */
const norm = (v: string | number | boolean): string => {
  const s = String(v).trim();
  if (/^-?\d+(\.0+)?$/.test(s)) return String(Number(s));
  return s.toLowerCase() === 'true' ? '1' : s.toLowerCase() === 'false' ? '0' : s;
};

const isIdLike = (c: string): boolean =>
  /^unnamed:?\s*\d+$/i.test(c) || /(^|_)id$/i.test(c) || /[a-z]ID$/.test(c) || c.toLowerCase() === 'index';

function byClasses(
  cols: readonly string[],
  sample: LabelEvidence['sample'],
  classes: readonly (string | number | boolean)[],
): string[] {
  if (!sample || classes.length < 2) return [];
  const set = new Set(classes.map(norm));
  return cols.filter((c) => {
    const seen = new Set((sample[c] ?? []).filter((v) => v.trim() !== '').map(norm));
    return seen.size >= 2 && [...seen].every((v) => set.has(v));
  });
}

const named = (cols: readonly string[]): string[] => cols.filter((c) => LABEL_NAMES.includes(words(c).join('_')));

/** The one of `cols` a name says is a label, else the last. */
const tieBreak = (cols: readonly string[]): string => named(cols)[0] ?? cols.at(-1)!;

/** The label column and why (see the header); null when there are no columns. */
export function detectLabelColumn(e: LabelEvidence): LabelGuess | null {
  const features = new Set(e.featureNames ?? []);
  const notFeatures = e.columns.filter((c) => !features.has(c));
  const pool = (notFeatures.length > 0 ? notFeatures : [...e.columns]).filter((c) => !isIdLike(c));
  const cols = pool.length > 0 ? pool : [...e.columns];
  if (cols.length === 0) return null;
  const left = features.size > 0 ? e.columns.length - notFeatures.length : 0;
  const explain = (rule: Why, tie: number): Why => {
    const parts = [rule];
    if (tie > 1) parts.push(why('label_tie', { count: tie }));
    if (left > 0) parts.push(why('label_features_left_out', { count: left }));
    return parts.length === 1 ? rule : { code: rule.code, values: { ...rule.values, also: parts.slice(1) } };
  };
  const pick = (hits: string[], rule: Why): LabelGuess => {
    const column = hits.length === 1 ? hits[0]! : tieBreak(hits);
    return { column, reason: explain(rule, hits.length), alternatives: cols.filter((c) => c !== column) };
  };
  const shown = (xs: readonly (string | number | boolean)[]): (string | number | boolean)[] => xs.slice(0, 4);
  if (e.modelClasses) {
    const hits = byClasses(cols, e.sample, e.modelClasses);
    if (hits.length) return pick(hits, why('label_model_classes', { classes: shown(e.modelClasses) }));
  }
  for (const classes of e.classHints ?? []) {
    const hits = byClasses(cols, e.sample, classes);
    if (hits.length) return pick(hits, why('label_helper_classes', { classes: shown(classes) }));
  }
  if (e.metricLabels?.length) {
    const hits = byClasses(cols, e.sample, e.metricLabels);
    if (hits.length) return pick(hits, why('label_metric_classes', { classes: shown(e.metricLabels) }));
  }
  const hits = named(cols);
  if (hits.length) return pick(hits, why('label_name'));
  if (e.task === 'regression' && e.sample) {
    const numeric = cols.filter((c) => {
      const v = (e.sample![c] ?? []).filter((x) => x.trim() !== '');
      return v.length > 0 && v.every((x) => Number.isFinite(Number(x))) && new Set(v).size > 2;
    });
    const column = numeric.at(-1);
    if (column)
      return {
        column,
        reason: explain(why('label_regression_numeric'), 1),
        alternatives: cols.filter((c) => c !== column),
      };
  }
  return { column: cols.at(-1)!, reason: explain(why('label_last_column'), 1), alternatives: cols.slice(0, -1) };
}
