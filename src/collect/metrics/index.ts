/**
 * A model's metrics JSON, normalised: the four core metrics in [0, 1] with a level each,
 * a score out of 100, the per-class report, the confusion matrix and the training snapshot.
 *
 * Percent rule (README, "Metrics JSON"): a core metric above 1 and at most 100 is read as a
 * percentage (87.5 → 0.875) and a warning says so; anything else outside [0, 1] is an error.
 */
import { invalidInput } from '../../errors.js';
import {
  CORE_METRICS,
  type ClassMetrics,
  type CoreMetric,
  levelOf,
  type ModelMetrics,
  type TrainingSnapshot,
} from '../../report-data.js';
import type { Warn } from '../warn.js';
import { NON_FINITE, type MetricsFile } from '../read-json.js';

/** Accepted spellings of each core metric, first match wins. */
const ALIASES: Readonly<Record<CoreMetric, readonly string[]>> = {
  accuracy: ['accuracy', 'acc'],
  precision: ['precision'],
  recall: ['recall'],
  f1_score: ['f1_score', 'f1', 'f1-score', 'f1score'],
};

const KNOWN_KEYS = new Set([
  ...Object.values(ALIASES).flat(),
  'score',
  'metrics',
  'model_type',
  'trained_at',
  'deployed_at',
  'classification_report',
  'confusion_matrix',
  'labels',
  'training',
  'evaluation',
  'sklearn_version',
]);

export interface MetricsSettings {
  readonly thresholds: { readonly excellent: number; readonly good: number };
  readonly scoreWeights: Readonly<Record<CoreMetric, number>>;
}

/** The file's values, nested `metrics` object first, then top level. */
function lookup(file: MetricsFile, names: readonly string[]): { name: string; value: unknown } | null {
  const scopes = [file.metrics ?? {}, file as Record<string, unknown>];
  for (const scope of scopes)
    for (const n of names) if (n in scope && scope[n] !== undefined) return { name: n, value: scope[n] };
  return null;
}

function describe(v: unknown): string {
  if (typeof v === 'string' && v.startsWith(NON_FINITE)) return v.slice(NON_FINITE.length);
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 30))}`;
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
}

/** A core metric in [0, 1], or an error naming the file, the key and the fix. */
function fraction(label: string, key: string, v: unknown, warn: Warn): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw invalidInput(
      label,
      `${key} is ${describe(v)}, expected a number between 0 and 1`,
      `write ${key} as a number, e.g. "${key}": 0.875`,
    );
  }
  if (v < 0)
    throw invalidInput(label, `${key} is ${v}, a metric cannot be negative`, 'check how the metric was computed');
  if (v <= 1) return v;
  if (v <= 100) {
    warn('percent', { file: label, key, value: v, fraction: v / 100 });
    return v / 100;
  }
  throw invalidInput(
    label,
    `${key} is ${v}, out of range`,
    'metrics are fractions in [0, 1] (or percentages up to 100)',
  );
}

function perClass(file: MetricsFile): ClassMetrics[] | null {
  const report = file.classification_report;
  if (!report) return null;
  const rows: ClassMetrics[] = [];
  for (const [label, row] of Object.entries(report)) {
    if (typeof row === 'number' || label === 'accuracy' || label.endsWith(' avg')) continue;
    rows.push({ label, precision: row.precision, recall: row.recall, f1_score: row['f1-score'], support: row.support });
  }
  return rows.length ? rows.sort((a, b) => a.label.localeCompare(b.label)) : null;
}

function confusion(label: string, file: MetricsFile, warn: Warn): ModelMetrics['confusion_matrix'] {
  const m = file.confusion_matrix,
    labels = file.labels;
  if (!m) return null;
  const n = labels?.length ?? 0;
  if (!labels || m.length !== n || m.some((row) => row.length !== n)) {
    warn('confusion', { file: label });
    return null;
  }
  return { labels: labels.map(String), matrix: m };
}

function training(file: MetricsFile): TrainingSnapshot | null {
  const t = file.training;
  if (!t) return null;
  return { rows: t.rows ?? null, category_counts: t.category_counts ?? null, data_sha256: t.data_sha256 ?? null };
}

/** Numeric values other than the known keys, from the nested object and the top level. */
function extras(file: MetricsFile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const scope of [file as Record<string, unknown>, file.metrics ?? {}]) {
    for (const [k, v] of Object.entries(scope))
      if (!KNOWN_KEYS.has(k) && typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Normalises a parsed metrics file; `label` names it in messages. Pure. */
export function collectMetrics(file: MetricsFile, label: string, settings: MetricsSettings, warn: Warn): ModelMetrics {
  const values = {} as Record<CoreMetric, number>;
  for (const key of CORE_METRICS) {
    const found = lookup(file, ALIASES[key]);
    if (!found)
      throw invalidInput(
        label,
        `${key} is missing`,
        `add "${key}" (accepted: ${ALIASES[key].join(', ')}; or inside a "metrics" object)`,
      );
    values[key] = fraction(label, found.name, found.value, warn);
  }
  let score: number;
  let scoreSource: ModelMetrics['score_source'] = 'file';
  const s = lookup(file, ['score']);
  if (s) {
    if (typeof s.value !== 'number' || !Number.isFinite(s.value) || s.value < 0 || s.value > 100) {
      throw invalidInput(
        label,
        `score is ${describe(s.value)}${typeof s.value === 'number' ? ` (${s.value})` : ''}, expected 0–100`,
        'write the score out of 100, or remove it to have it computed',
      );
    }
    score = s.value;
  } else {
    const w = settings.scoreWeights;
    score = Math.round(1000 * CORE_METRICS.reduce((acc, k) => acc + w[k] * values[k], 0)) / 10;
    scoreSource = 'computed';
  }
  return {
    path: label,
    metrics: CORE_METRICS.map((key) => ({ key, value: values[key], level: levelOf(values[key], settings.thresholds) })),
    score,
    score_source: scoreSource,
    model_type: file.model_type ?? null,
    trained_at: file.trained_at ?? null,
    deployed_at: file.deployed_at ?? null,
    per_class: perClass(file),
    confusion_matrix: confusion(label, file, warn),
    training: training(file),
    evaluation: file.evaluation
      ? { rows: file.evaluation.rows ?? null, data_sha256: file.evaluation.data_sha256 ?? null }
      : null,
    extra: extras(file),
  };
}
