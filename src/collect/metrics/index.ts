/**
 * A model's metrics as the report shows them, from what the adapters read (read.ts): every
 * known metric with its level and direction, the task's headline metrics that are missing
 * (shown as "n/a"), the score for the task (adapters/task.ts: classification = weighted mean
 * of the core metrics present, regression = 100 × max(0, r2), other = none), the per-class
 * report, the confusion matrix and the convention's snapshots. Pure.
 */
import {
  HEADLINE_METRICS,
  METRIC_KEYS,
  type ClassMetrics,
  type CoreMetric,
  type MetricKey,
  type MetricValue,
  type ModelMetrics,
  type Task,
} from '../../report-data.js';
import { why } from '../why.js';
import type { Warn } from '../warn.js';
import { parseMetricName } from './adapters/metric-names.js';
import { lowerIsBetter, metricLevel, scoreOf } from './adapters/task.js';
import type { AdapterMatch, MetricKey as ShapeKey } from './adapters/types.js';
import { metricsMetaSchema } from '../read-json.js';
import type { MetricsRead } from './read.js';

export { readMetrics, type MetricsRead } from './read.js';

export interface MetricsSettings {
  readonly thresholds: { readonly excellent: number; readonly good: number };
  readonly scoreWeights: Readonly<Record<CoreMetric, number>>;
}

/** The adapters say f1; the report (and the old dashboard's API) says f1_score. */
export const reportKey = (k: ShapeKey): MetricKey => (k === 'f1' ? 'f1_score' : k);

/** The metrics an adapter read, under the report's names. */
export function reportValues(match: AdapterMatch): Partial<Record<MetricKey, number>> {
  return Object.fromEntries(Object.entries(match.metrics).map(([k, v]) => [reportKey(k as ShapeKey), v]));
}

/**
 * An extra number that is another reading of a metric already shown (the classification
 * report's accuracy beside a top-level accuracy): left out. Train, validation and
 * cross-validation numbers are other data, so they stay.
 */
function sameMetricElsewhere(key: string): boolean {
  const name = parseMetricName(key.split('.').at(-1) ?? key);
  return name.metric !== null && (name.split === null || name.split === 'test');
}

/** The convention's own fields (evaluation.rows, training.rows, …) are shown where they belong, not as extra numbers. */
const isMeta = (key: string): boolean => Object.hasOwn(metricsMetaSchema, key.split('.')[0]!) && key !== 'score';

/** Notes worth a warning: a value that could not be used, or a scale that was changed. */
const WARN_NOTES = new Set(['note_non_finite', 'note_impossible', 'note_percent_key', 'note_percent_scale']);

function perClass(match: AdapterMatch): ClassMetrics[] | null {
  const rows = (match.perClass ?? []).flatMap((r) =>
    r.precision !== null && r.recall !== null && r.f1 !== null && r.support !== null
      ? [{ label: r.label, precision: r.precision, recall: r.recall, f1_score: r.f1, support: r.support }]
      : [],
  );
  return rows.length ? rows.sort((a, b) => a.label.localeCompare(b.label)) : null;
}

function confusion(match: AdapterMatch, classes: ClassMetrics[] | null): ModelMetrics['confusion_matrix'] {
  const c = match.confusion;
  if (!c) return null;
  const n = c.matrix.length;
  const labels = c.labels ?? (classes?.length === n ? classes.map((r) => r.label) : c.matrix.map((_, i) => String(i)));
  return { labels, matrix: c.matrix };
}

/** The report's view of one read metrics input, for `task`. */
export function collectMetrics(read: MetricsRead, task: Task, settings: MetricsSettings, warn: Warn): ModelMetrics {
  const { match, meta, path } = read;
  const values = reportValues(match);
  const metrics: MetricValue[] = METRIC_KEYS.filter((k) => values[k] !== undefined).map((key) => {
    const value = values[key]!;
    const shapeKey = (key === 'f1_score' ? 'f1' : key) as ShapeKey;
    return {
      key,
      value,
      level: metricLevel(shapeKey, value, settings.thresholds),
      direction: lowerIsBetter(shapeKey) ? 'lower' : 'higher',
      source: match.sources[shapeKey] ?? key,
    };
  });
  const missing = HEADLINE_METRICS[task].filter((k) => values[k] === undefined);
  const w = settings.scoreWeights;
  const computed = scoreOf(task, match.metrics, {
    accuracy: w.accuracy,
    precision: w.precision,
    recall: w.recall,
    f1: w.f1_score,
  });
  const fromFile = meta.score ?? null;
  const affected = task === 'regression' ? missing.filter((k) => k === 'r2') : missing;
  if (affected.length) warn('metrics_missing', { file: path, keys: affected });
  for (const note of match.notes) if (WARN_NOTES.has(note.code)) warn('metrics_note', { file: path, note });
  const classes = perClass(match);
  const extra = Object.fromEntries(
    Object.entries(match.extras).filter(
      ([k]) => !(k === 'score' && fromFile !== null) && !isMeta(k) && !sameMetricElsewhere(k),
    ),
  );
  return {
    path,
    source: read.source,
    shape: match.shape.replace('-', '_') as ModelMetrics['shape'],
    shape_via: match.via.map((s) => s.replace('-', '_') as ModelMetrics['shape']),
    entry: match.model
      ? { name: match.model.chosen, reason: match.model.reason, entries: match.model.entries.length }
      : null,
    split: { name: match.split.name, reason: match.split.reason },
    variant: match.variant,
    metrics,
    missing,
    score: fromFile ?? computed.score,
    score_source: fromFile !== null ? 'file' : computed.score !== null ? 'computed' : null,
    score_basis: fromFile !== null ? why('score_file') : computed.basis,
    notes: [...match.notes],
    support: match.support,
    model_type: meta.model_type ?? null,
    trained_at: meta.trained_at ?? null,
    deployed_at: meta.deployed_at ?? null,
    per_class: classes,
    confusion_matrix: confusion(match, classes),
    training: meta.training
      ? {
          rows: meta.training.rows ?? null,
          category_counts: meta.training.category_counts ?? null,
          data_sha256: meta.training.data_sha256 ?? null,
        }
      : null,
    evaluation: meta.evaluation
      ? { rows: meta.evaluation.rows ?? null, data_sha256: meta.evaluation.data_sha256 ?? null }
      : null,
    extra,
  };
}
