/**
 * The old Flask dashboard's JSON API, rebuilt from ReportData: /api/model, /api/stats and
 * /api/comparison (and the `model`, `stats`, `comparison` commands). Every key the old
 * responses had is kept with its meaning; what we add sits beside it. The shapes are
 * documented in schemas/*.schema.json and checked against them in the tests.
 */
import { CORE_METRICS, DEPLOYING, metricValues, type JsonValue, type ReportData } from '../report-data.js';
import { formatSize } from './format.js';

type Json = { [key: string]: JsonValue };

/** The old dashboard's four metrics (null when missing), the other known ones present, and the score. */
const metricsObject = (m: ReportData['metrics']): Json | null =>
  m
    ? {
        ...Object.fromEntries(CORE_METRICS.map((k) => [k, null])),
        ...(metricValues(m) as Json),
        score: m.score,
      }
    : null;

/** GET /api/model: the deployed model, its hyperparameters at the top level, and its metrics. */
export function apiModel(r: ReportData): Json {
  const m = r.model;
  const base: Json = {
    deployed: m.deployed,
    model_type: m.model_type,
    // the old API's form, in every language: "198.2 KB"
    size: m.size_bytes === null ? null : formatSize('en', m.size_bytes),
    size_bytes: m.size_bytes,
    deployed_at: m.deployed_at,
    path: m.path,
    sha256: m.sha256,
    module: m.module,
    sklearn_version: m.sklearn_version,
    format: m.format,
    n_classes: m.n_classes,
    n_features: m.n_features,
    safety: m.safety?.verdict ?? null,
    params: m.params,
    metrics: metricsObject(r.metrics),
  };
  // the old API put n_estimators, max_depth, … at the top level; keep them there, never over our keys
  for (const [k, v] of Object.entries(m.params)) if (!(k in base)) base[k] = v;
  return base;
}

/** GET /api/stats: the training data. */
export function apiStats(r: ReportData): Json {
  const d = r.data;
  if (!d) return { available: false, total_apps: null, categories: null, last_update: null, retrain_threshold: null };
  return {
    available: true,
    total_apps: d.rows,
    categories: d.n_categories,
    last_update: d.last_updated,
    retrain_threshold: d.retraining.threshold,
    new_rows_since_training: d.retraining.new_rows,
    retraining_due: d.retraining.due,
    category_counts: Object.fromEntries(d.categories.map((c) => [c.category, c.count])),
    path: d.path,
    format: d.format,
    duplicates: d.duplicates,
    missing: d.missing,
    malformed_rows: {
      count: d.malformed_rows.count,
      by_kind: { ...d.malformed_rows.by_kind },
      first: d.malformed_rows.first.map((m) => ({ ...m })),
    },
    drift: d.drift
      ? {
          psi: d.drift.psi,
          js_distance: d.drift.js_distance,
          verdict: d.drift.verdict,
          new_categories: d.drift.new_categories,
          vanished_categories: d.drift.vanished_categories,
        }
      : null,
  };
}

/**
 * GET /api/comparison: production against candidate, metric by metric, and the decision:
 * ReportData.decision as it is, the one the report, the job summary and promote use.
 */
export function apiComparison(r: ReportData): Json {
  const c = r.comparison;
  // a plain-JSON copy: the decision's types are readonly interfaces, not an index signature
  const decision = JSON.parse(JSON.stringify(r.decision)) as Json;
  const deploy = DEPLOYING.includes(r.decision.value);
  if (!c)
    return {
      available: false,
      production: metricsObject(r.metrics),
      candidate: null,
      comparison: [],
      decision,
      deploy,
    };
  return {
    available: true,
    production: metricsObject(r.metrics),
    candidate: metricsObject(r.candidate_metrics),
    comparison: c.rows.map((x) => ({
      metric: x.metric,
      production: x.production,
      candidate: x.candidate,
      delta: x.delta,
      winner: x.winner,
      direction: x.direction,
    })),
    production_score: c.production_score,
    candidate_score: c.candidate_score,
    min_score: r.decision.settings.min_score,
    decision,
    deploy,
    params_changed: (c.params ?? []).map((p) => ({
      name: p.name,
      change: p.change,
      production: p.production,
      candidate: p.candidate,
    })),
    class_regressions: (c.per_class ?? [])
      .filter((x) => x.regressed)
      .map((x) => ({ label: x.label, f1_delta: x.f1_delta })),
    same_evaluation_data: c.same_evaluation_data,
  };
}

/** GET /health */
export function apiHealth(r: ReportData | null, error: string | null): Json {
  return {
    status: error ? 'error' : 'ok',
    deployed: r?.model.deployed ?? null,
    generated_at: r?.generated_at ?? null,
    error,
  };
}

/** The old dashboard's three JSON endpoints: the `model`, `stats` and `comparison` commands and serve's /api/<name>. */
export const API_NAMES = ['model', 'stats', 'comparison'] as const;
export type ApiName = (typeof API_NAMES)[number];
export const API: Readonly<Record<ApiName, (r: ReportData) => Json>> = {
  model: apiModel,
  stats: apiStats,
  comparison: apiComparison,
};
