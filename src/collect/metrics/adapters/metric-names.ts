/**
 * Metric key normalisation: "F1 Score", "f1-score", "test_f1", "Precision (PPV)", "accuracy:",
 * "cv_roc_auc_mean" and "F1-Score of Testing is" all name a known metric, a split and an
 * averaging variant. Case, spaces, punctuation, camelCase and a trailing colon are ignored.
 *
 * Rule, in order: split the key into words; take out split words (test, val, eval, train,
 * cv, …), variant words (weighted, macro, …) and percent words (pct, %); look the rest up in
 * ALIASES; if that fails, drop filler words (score, mean, of, is, estimated, …) and look again.
 */
import type { MetricKey, Split, Variant } from './types.js';

const ALIASES: Readonly<Record<string, MetricKey>> = Object.fromEntries(
  (
    [
      ['accuracy', ['accuracy', 'acc']],
      ['precision', ['precision', 'prec', 'ppv', 'precision_ppv', 'positive_predictive_value']],
      ['recall', ['recall', 'sensitivity', 'tpr', 'recall_sensitivity', 'true_positive_rate']],
      ['f1', ['f1', 'f_1', 'f1score', 'fscore', 'f_score', 'f1_measure', 'f_measure']],
      ['roc_auc', ['roc_auc', 'auc', 'auc_roc', 'rocauc', 'auroc', 'roc_auc_ovr', 'roc_auc_ovo']],
      ['r2', ['r2', 'r_2', 'rsquared', 'r_squared', 'r2score']],
      ['rmse', ['rmse', 'root_mean_squared_error', 'root_mse']],
      ['mae', ['mae', 'mean_absolute_error']],
      ['mse', ['mse', 'mean_squared_error']],
      ['mape', ['mape', 'mean_absolute_percentage_error']],
      ['log_loss', ['log_loss', 'logloss']],
    ] as const
  ).flatMap(([key, names]) => names.map((n) => [n, key])),
);

/** Words that name a split, for metric keys, file names and nested split keys alike. */
export const SPLIT_WORDS: Readonly<Record<string, Split>> = {
  test: 'test',
  testing: 'test',
  holdout: 'test',
  val: 'validation',
  valid: 'validation',
  validation: 'validation',
  dev: 'validation',
  eval: 'eval',
  evaluation: 'eval',
  train: 'train',
  training: 'train',
  cv: 'cv',
  crossval: 'cv',
};
const VARIANT_WORDS: Readonly<Record<string, Variant>> = {
  weighted: 'weighted',
  macro: 'macro',
  micro: 'micro',
  binary: 'binary',
  samples: 'samples',
};
const PERCENT_WORDS = new Set(['pct', 'percent', 'percentage']);
const FILLER_WORDS = new Set([
  'score',
  'mean',
  'of',
  'is',
  'on',
  'the',
  'set',
  'data',
  'overall',
  'final',
  'estimated',
  'expected',
  'value',
]);

export interface MetricName {
  readonly metric: MetricKey | null;
  readonly split: Split | null;
  readonly variant: Variant | null;
  /** The key says its value is a percentage ("accuracy_pct", "Accuracy (%)"). */
  readonly percent: boolean;
}

/** Lower-case words of a key: camelCase and digits-then-capital split, punctuation dropped. */
export function words(raw: string): string[] {
  const spaced = raw.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/%/g, ' percent ');
  return spaced
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The split a name mentions ("test_metrics.json" → test), or null. The first split word wins. */
export function splitOfName(name: string): Split | null {
  for (const w of words(name)) if (SPLIT_WORDS[w]) return SPLIT_WORDS[w]!;
  return null;
}

/** Reads a metric key; `metric` is null when it names no known metric. */
export function parseMetricName(raw: string): MetricName {
  let split: Split | null = null;
  let variant: Variant | null = null;
  let percent = false;
  const rest: string[] = [];
  for (const w of words(raw)) {
    if (SPLIT_WORDS[w] && split === null) split = SPLIT_WORDS[w]!;
    else if (VARIANT_WORDS[w]) variant = VARIANT_WORDS[w]!;
    else if (PERCENT_WORDS.has(w)) percent = true;
    else rest.push(w);
  }
  // "avg" only qualifies a variant ("weighted avg"); "average_precision" is a different metric.
  const core = variant ? rest.filter((w) => w !== 'avg' && w !== 'average') : rest;
  const metric = ALIASES[core.join('_')] ?? ALIASES[core.filter((w) => !FILLER_WORDS.has(w)).join('_')] ?? null;
  return { metric, split, variant, percent };
}

/** Like parseMetricName, but also tries the last words alone: "Model A - Accuracy" → accuracy. For free text. */
export function parseMetricPhrase(raw: string): MetricName {
  const all = words(raw);
  for (let start = 0; start < all.length; start++) {
    const found = parseMetricName(all.slice(start).join(' '));
    if (found.metric) {
      // split words before the metric still count ("Testing F1"), after it too ("F1 of Testing").
      const split = found.split ?? splitOfName(all.slice(0, start).join(' '));
      return { ...found, split };
    }
  }
  return { metric: null, split: null, variant: null, percent: false };
}

/** Words of a model name, for matching "Logistic Regression" with logistic.pkl or LogisticRegression. */
export function nameWords(raw: string): string[] {
  return words(raw).filter(
    (w) =>
      ![
        'model',
        'pkl',
        'joblib',
        'sav',
        'pickle',
        'gz',
        'z',
        'xz',
        'bz2',
        'lzma',
        'clf',
        'classifier',
        'regressor',
      ].includes(w),
  );
}
