/**
 * How sure the comparison is. Accuracy is the one core metric that is a count of successes
 * over the evaluation rows, so it gets Wilson intervals and, for the change, Newcombe's; with
 * per-row predictions of both models, the exact McNemar test replaces Newcombe (it uses the
 * pairing). Precision, recall and F1 get none (significance.ts says why). Pure.
 */
import type { EvaluationSizeSource, ModelMetrics, Uncertainty } from '../../report-data.js';
import type { Warn } from '../warn.js';
import type { PredictionCounts } from './predictions.js';
import {
  deltaIntervalFor,
  intervalFor,
  mcnemarExact,
  pValueWithinNoise,
  wilsonInterval,
  withinNoise,
} from './significance.js';

export interface EvaluationSize {
  readonly n: number;
  readonly source: EvaluationSizeSource;
}

const positive = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;

/**
 * The number of rows a model was evaluated on, from (first found) the file's evaluation.rows,
 * the confusion matrix's total, or the support total of its classification report; null when
 * the file says none of them.
 */
export function evaluationSize(m: ModelMetrics): EvaluationSize | null {
  const rows = m.evaluation?.rows;
  if (positive(rows)) return { n: rows, source: 'evaluation.rows' };
  const cm = m.confusion_matrix?.matrix.flat().reduce((a, b) => a + b, 0);
  if (positive(cm)) return { n: cm, source: 'confusion_matrix' };
  const support = m.per_class?.reduce((a, c) => a + c.support, 0);
  if (positive(support)) return { n: support, source: 'classification_report' };
  return null;
}

const accuracyOf = (m: ModelMetrics): number => m.metrics.find((x) => x.key === 'accuracy')!.value;

/**
 * Half a unit of the last decimal a file wrote a value with (0.793 → 0.0005): the most that
 * rounding explains. Twelve places at most, so float noise (0.1 + 0.2) reads as what was meant.
 */
export function roundingOf(value: number): number {
  const text = String(Math.round(value * 1e12) / 1e12);
  const decimals = text.includes('e') ? 12 : (text.split('.')[1]?.length ?? 0);
  return 0.5 * 10 ** -decimals + 1e-12;
}

/** Accuracy's uncertainty from the two metrics files alone: Wilson, and Newcombe for the change. */
function fromMetrics(prod: ModelMetrics, cand: ModelMetrics, confidence: number): Uncertainty | null {
  const np = evaluationSize(prod),
    nc = evaluationSize(cand);
  if (!np || !nc) return null;
  const p = accuracyOf(prod),
    c = accuracyOf(cand);
  const ip = intervalFor('accuracy', p, np.n, confidence)!;
  const ic = intervalFor('accuracy', c, nc.n, confidence)!;
  const d = deltaIntervalFor('accuracy', p, np.n, c, nc.n, confidence)!;
  return {
    metric: 'accuracy',
    confidence,
    method: 'newcombe',
    production_n: np.n,
    production_n_source: np.source,
    candidate_n: nc.n,
    candidate_n_source: nc.source,
    production: { value: p, ...ip },
    candidate: { value: c, ...ic },
    delta: d.delta,
    delta_interval: { low: d.low, high: d.high },
    p_value: null,
    within_noise: withinNoise(d),
    predictions: null,
  };
}

/** Accuracy's uncertainty from per-row predictions: each accuracy counted, the exact McNemar test. */
function fromPredictions(t: PredictionCounts, path: string, confidence: number): Uncertainty {
  const right = (x: number) => ({ value: x / t.n, ...wilsonInterval(x, t.n, confidence) });
  const pValue = mcnemarExact(t.only_production_right, t.only_candidate_right);
  return {
    metric: 'accuracy',
    confidence,
    method: 'mcnemar',
    production_n: t.n,
    production_n_source: 'predictions',
    candidate_n: t.n,
    candidate_n_source: 'predictions',
    production: right(t.both_right + t.only_production_right),
    candidate: right(t.both_right + t.only_candidate_right),
    delta: t.candidate_accuracy - t.production_accuracy,
    delta_interval: null,
    p_value: pValue,
    within_noise: pValueWithinNoise(pValue, confidence),
    predictions: {
      path,
      both_right: t.both_right,
      only_production_right: t.only_production_right,
      only_candidate_right: t.only_candidate_right,
      both_wrong: t.both_wrong,
    },
  };
}

/** Warns when the predictions do not match what the metrics files say (other rows, other models). */
function checkAgainstMetrics(t: PredictionCounts, path: string, prod: ModelMetrics, cand: ModelMetrics, warn: Warn) {
  for (const [model, m, fromRows] of [
    ['production', prod, t.production_accuracy],
    ['candidate', cand, t.candidate_accuracy],
  ] as const) {
    const size = evaluationSize(m);
    if (size && size.n !== t.n)
      warn('predictions_rows', { file: path, model, predictions: t.n, metrics: size.n, source: size.source });
    const stated = accuracyOf(m);
    if (Math.abs(stated - fromRows) > roundingOf(stated))
      warn('predictions_disagree', { file: path, model, predictions: fromRows, metrics: stated });
  }
}

/**
 * The uncertainty of the accuracy change, or null when the evaluation size is unknown (and
 * there are no predictions). `predictions` wins over the metrics files when given.
 */
export function uncertaintyOf(
  prod: ModelMetrics,
  cand: ModelMetrics,
  predictions: { readonly counts: PredictionCounts; readonly path: string } | null,
  confidence: number,
  warn: Warn,
): Uncertainty | null {
  if (!predictions) return fromMetrics(prod, cand, confidence);
  checkAgainstMetrics(predictions.counts, predictions.path, prod, cand, warn);
  return fromPredictions(predictions.counts, predictions.path, confidence);
}
