/**
 * The task (classification, regression, other), the direction of each metric, the score out
 * of 100 and the colour level, for both tasks.
 *
 * Task rule: the model's class decides when it is known (…Classifier, LogisticRegression,
 * SVC → classification; …Regressor, …Regression, Ridge, Lasso, SVR → regression); pass the
 * predictor's class (a Pipeline's last step). Otherwise the metric names decide: any of
 * accuracy, precision, recall, f1, roc_auc → classification (a classifier's file may also
 * hold r2/rmse of its probabilities); else any of r2, rmse, mae, mse, mape → regression;
 * else "other" (numbers shown and compared, no score).
 *
 * Score: classification = 100 × the weighted mean of the core metrics present (weights
 * renormalised over those present; the basis says which are missing). Regression =
 * 100 × max(0, r2): the share of the target's variance explained, 0 for a model worse than
 * predicting the mean; no r2 → no score (errors have no absolute scale).
 * Levels: the same bands for both (excellent ≥ 0.85, good ≥ 0.75, else to improve), on
 * bounded metrics, on max(0, r2) and on the score / 100; errors get no level.
 */
import type { Why } from '../../../report-data.js';
import { why } from '../../why.js';
import { CLASSIFICATION_KEYS, REGRESSION_KEYS, type MetricKey } from './types.js';

export type Task = 'classification' | 'regression' | 'other';
export type Level = 'excellent' | 'good' | 'to_improve';
export type CoreKey = 'accuracy' | 'precision' | 'recall' | 'f1';

export interface TaskDecision {
  readonly task: Task;
  readonly reason: Why;
}

const CLASSIFIER =
  /(classifier|^logisticregression(cv)?|^svc|^linearsvc|^nusvc|nb$|^perceptron|^passiveaggressiveclassifier)$/;
const REGRESSOR =
  /(regressor|regression(cv)?|^ridge(cv)?|^lasso(cv|larsic|lars)?|^elasticnet(cv)?|^svr|^linearsvr|^nusvr|^lars(cv)?|^bayesianridge|^kernelridge|^theilsenregressor|^ransacregressor)$/;

/** classification/regression from a class name ("sklearn.linear_model._ridge.Ridge"), else null. */
export function taskOfClass(className: string | null | undefined): Task | null {
  const name = className?.split('.').at(-1)?.toLowerCase();
  if (!name) return null;
  if (name.startsWith('logisticregression') || CLASSIFIER.test(name)) return 'classification';
  return REGRESSOR.test(name) ? 'regression' : null;
}

/** The task from the model's class when known, else from the metric names (see the header). */
export function detectTask(metrics: Partial<Record<MetricKey, number>>, modelClass?: string | null): TaskDecision {
  const keys = Object.keys(metrics) as MetricKey[];
  const cls = keys.filter((k) => CLASSIFICATION_KEYS.includes(k));
  const reg = keys.filter((k) => REGRESSION_KEYS.includes(k));
  const fromMetrics: Task = cls.length ? 'classification' : reg.length ? 'regression' : 'other';
  const byClass = taskOfClass(modelClass);
  const short = modelClass?.split('.').at(-1) ?? null;
  if (byClass) {
    const differs = fromMetrics !== 'other' && fromMetrics !== byClass;
    return {
      task: byClass,
      reason: differs
        ? why('task_model_class_differs', { class: short, metrics_task: fromMetrics })
        : why('task_model_class', { class: short }),
    };
  }
  if (fromMetrics === 'classification')
    return { task: fromMetrics, reason: why('task_classification_metrics', { keys: cls }) };
  if (fromMetrics === 'regression') return { task: fromMetrics, reason: why('task_regression_metrics', { keys: reg }) };
  return { task: 'other', reason: keys.length ? why('task_no_known_metric', { keys }) : why('task_no_metrics') };
}

/** Errors (rmse, mae, mse, mape, log_loss) are lower-is-better; everything else higher. */
export function lowerIsBetter(key: MetricKey): boolean {
  return ['rmse', 'mae', 'mse', 'mape', 'log_loss'].includes(key);
}

export interface Thresholds {
  readonly excellent: number;
  readonly good: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { excellent: 0.85, good: 0.75 };

export function levelOf(fraction: number, t: Thresholds = DEFAULT_THRESHOLDS): Level {
  return fraction >= t.excellent ? 'excellent' : fraction >= t.good ? 'good' : 'to_improve';
}

/** The colour level of one metric; null for errors, whose scale is the target's. */
export function metricLevel(key: MetricKey, value: number, t: Thresholds = DEFAULT_THRESHOLDS): Level | null {
  if (lowerIsBetter(key)) return null;
  return levelOf(key === 'r2' ? Math.max(0, value) : value, t);
}

export interface Score {
  /** Out of 100, one decimal; null when the task has no score or its basis is missing. */
  readonly score: number | null;
  readonly level: Level | null;
  /** How it was computed, including what was missing. */
  readonly basis: Why;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const EQUAL: Readonly<Record<CoreKey, number>> = { accuracy: 0.25, precision: 0.25, recall: 0.25, f1: 0.25 };

/** The score for a task (see the header); `weights` are the classification weights of the config. */
export function scoreOf(
  task: Task,
  metrics: Partial<Record<MetricKey, number>>,
  weights: Readonly<Record<CoreKey, number>> = EQUAL,
  t: Thresholds = DEFAULT_THRESHOLDS,
): Score {
  if (task === 'regression') {
    const r2 = metrics.r2;
    if (r2 === undefined) return { score: null, level: null, basis: why('score_no_r2') };
    const score = round1(100 * Math.max(0, r2));
    return { score, level: levelOf(score / 100, t), basis: why(r2 < 0 ? 'score_r2_negative' : 'score_r2', { r2 }) };
  }
  if (task === 'other') return { score: null, level: null, basis: why('score_other') };
  const core = (Object.keys(weights) as CoreKey[]).filter((k) => weights[k] > 0);
  const present = core.filter((k) => metrics[k] !== undefined);
  if (present.length === 0) return { score: null, level: null, basis: why('score_none_present', { keys: core }) };
  const total = present.reduce((s, k) => s + weights[k], 0);
  const score = round1((100 * present.reduce((s, k) => s + weights[k] * metrics[k]!, 0)) / total);
  const missing = core.filter((k) => !present.includes(k));
  const basis = missing.length
    ? why('score_weighted_mean_missing', { keys: present, missing })
    : why('score_weighted_mean', { keys: present });
  return { score, level: levelOf(score / 100, t), basis };
}
